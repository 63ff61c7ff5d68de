#include "register/OpenRegisterDialog.h"

#include "common/Application.h"
#include "register/Register.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace foi::ui {

namespace {

constexpr int kDefaultPort = 5432;

/// How the connection to the server is protected: libpq's sslmode, in words.
struct Protection
{
    const char *mode; ///< empty: libpq's default (prefer)
    const char *words;
};

constexpr Protection kProtections[] = {
    {"verify-full", QT_TRANSLATE_NOOP("foi::ui::OpenRegisterDialog",
                                      "Encrypted, the server's certificate checked (recommended)")},
    {"require", QT_TRANSLATE_NOOP("foi::ui::OpenRegisterDialog", "Encrypted, the certificate not checked")},
    {"", QT_TRANSLATE_NOOP("foi::ui::OpenRegisterDialog", "As the server offers (encrypted when it can)")},
};

} // namespace

OpenRegisterDialog::OpenRegisterDialog(const QString &current,
                                       std::function<QString(const QString &current)> chooseFile,
                                       QWidget *parent)
    : QDialog(parent)
    , m_chooseFile(std::move(chooseFile))
{
    setWindowTitle(tr("Open register — FOI Tables"));

    m_fileChoice = new QRadioButton(tr("A register &file on this computer"), this);
    m_serverChoice = new QRadioButton(tr("A &team register on a PostgreSQL server"), this);

    m_filePart = new QWidget(this);
    m_file = new QLineEdit(m_filePart);
    m_file->setAccessibleName(tr("Register file"));
    m_file->setPlaceholderText(tr("e.g. %1").arg(
        QDir::toNativeSeparators(QDir(QDir::homePath()).filePath(QStringLiteral("FOI/register.sqlite")))));
    m_browse = new QPushButton(tr("&Browse…"), m_filePart);
    m_browse->setAccessibleName(tr("Choose the register file"));
    auto *fileRow = new QHBoxLayout(m_filePart);
    fileRow->setContentsMargins(24, 0, 0, 0);
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);

    m_serverPart = new QWidget(this);
    m_host = new QLineEdit(m_serverPart);
    m_host->setPlaceholderText(tr("e.g. foi-db.force.local"));
    m_port = new QSpinBox(m_serverPart);
    m_port->setRange(1, 65535);
    m_port->setValue(kDefaultPort);
    m_database = new QLineEdit(m_serverPart);
    m_database->setPlaceholderText(tr("e.g. foi_register"));
    m_user = new QLineEdit(m_serverPart);
    m_user->setPlaceholderText(tr("Your user name on the server"));
    m_protection = new QComboBox(m_serverPart);
    for (const Protection &p : kProtections)
        m_protection->addItem(tr(p.words), QString::fromLatin1(p.mode));
    m_protection->setCurrentIndex(2);
    auto *serverForm = new QFormLayout(m_serverPart);
    serverForm->setContentsMargins(24, 0, 0, 0);
    serverForm->addRow(tr("&Server:"), m_host);
    serverForm->addRow(tr("&Port:"), m_port);
    serverForm->addRow(tr("&Database:"), m_database);
    serverForm->addRow(tr("&User name:"), m_user);
    serverForm->addRow(tr("&Connection:"), m_protection);
    auto *passwordNote = new QLabel(
        tr("No password here: FOI Tables reads it from your .pgpass file, or asks for it when the server "
           "does, and never stores it."),
        m_serverPart);
    passwordNote->setWordWrap(true);
    serverForm->addRow(passwordNote);

    m_address = new QLabel(this);
    m_address->setWordWrap(true);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_atStart = new QCheckBox(tr("Open this register when FOI Tables &starts"), this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_fileChoice);
    layout->addWidget(m_filePart);
    layout->addWidget(m_serverChoice);
    layout->addWidget(m_serverPart);
    layout->addWidget(m_address);
    layout->addWidget(m_atStart);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    // Start from the register open now.
    if (Register::isServerLocation(current)) {
        const QUrl url(current);
        m_serverChoice->setChecked(true);
        m_host->setText(url.host());
        m_port->setValue(url.port(kDefaultPort));
        m_database->setText(url.path().mid(1));
        m_user->setText(url.userName());
        const int at = m_protection->findData(QUrlQuery(url).queryItemValue(QStringLiteral("sslmode")));
        m_protection->setCurrentIndex(at >= 0 ? at : 2);
    } else {
        m_fileChoice->setChecked(true);
        m_file->setText(QDir::toNativeSeparators(current));
        m_user->setText(application::accountLoginName()); // a database user, not a person's name
    }

    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString chosen = m_chooseFile(m_file->text());
        if (chosen.isEmpty())
            return;
        m_fileChoice->setChecked(true);
        m_file->setText(QDir::toNativeSeparators(chosen));
        update(); // the same file chosen again may be there now
    });
    for (QRadioButton *choice : {m_fileChoice, m_serverChoice})
        connect(choice, &QRadioButton::toggled, this, &OpenRegisterDialog::update);
    for (QLineEdit *edit : {m_file, m_host, m_database, m_user})
        connect(edit, &QLineEdit::textChanged, this, &OpenRegisterDialog::update);
    connect(m_port, &QSpinBox::valueChanged, this, &OpenRegisterDialog::update);
    connect(m_protection, &QComboBox::currentIndexChanged, this, &OpenRegisterDialog::update);
    update();
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

QString OpenRegisterDialog::location() const
{
    if (m_fileChoice->isChecked())
        return QDir::fromNativeSeparators(m_file->text().trimmed());
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(m_user->text().trimmed());
    url.setHost(m_host->text().trimmed());
    url.setPort(m_port->value());
    url.setPath(QLatin1Char('/') + m_database->text().trimmed());
    const QString mode = m_protection->currentData().toString();
    if (!mode.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("sslmode"), mode);
        url.setQuery(query);
    }
    return url.toString();
}

QString OpenRegisterDialog::problem() const
{
    if (m_fileChoice->isChecked()) {
        const QString path = location();
        if (path.isEmpty())
            return tr("Choose the register file.");
        if (!QFileInfo(path).isFile())
            return tr("There is no file %1.").arg(QDir::toNativeSeparators(path));
        return {};
    }
    if (m_host->text().trimmed().isEmpty())
        return tr("Give the server's name.");
    if (m_database->text().trimmed().isEmpty())
        return tr("Give the database's name.");
    if (m_user->text().trimmed().isEmpty())
        return tr("Give your user name on the server.");
    if (Status s = Register::checkServerAddress(location()); !s)
        return s.error().message;
    return {};
}

bool OpenRegisterDialog::openAtStart() const
{
    return m_atStart->isChecked();
}

void OpenRegisterDialog::update()
{
    const bool server = m_serverChoice->isChecked();
    m_filePart->setEnabled(!server);
    m_serverPart->setEnabled(server);
    const QString problem = this->problem();
    if (problem.isEmpty())
        m_address->setText(server ? tr("The team register's address: %1").arg(location())
                                  : tr("The register file: %1").arg(QDir::toNativeSeparators(location())));
    else
        m_address->setText(problem);
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(problem.isEmpty());
}

} // namespace foi::ui
