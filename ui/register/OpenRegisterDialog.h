#pragma once

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QWidget;

namespace foi::ui {

/// Chooses the register to open: a file on this computer, or a team register on a PostgreSQL server
/// (the server, its port, the database, the user name and how the connection is protected), which it
/// turns into the address the command line takes (postgresql://user@host:port/database). It never asks
/// for a password: a server that wants one is answered when the register is opened, and the password is
/// kept in memory only. Open is enabled only when the choice can be tried; the line under the fields says
/// what to fix.
class OpenRegisterDialog final : public QDialog
{
    Q_OBJECT

public:
    /// current: the register open now (a file or an address), to start from; chooseFile is asked for a file
    /// when the officer clicks Browse (a file dialog unless tests set their own).
    OpenRegisterDialog(const QString &current, std::function<QString(const QString &current)> chooseFile,
                       QWidget *parent = nullptr);

    /// The file's path or the server's address, as the fields stand.
    QString location() const;
    /// What stops the choice from being tried; empty when it can be.
    QString problem() const;
    /// Whether the officer asked for this register to open when the application starts.
    bool openAtStart() const;

    QRadioButton *fileChoice() const { return m_fileChoice; }
    QRadioButton *serverChoice() const { return m_serverChoice; }
    QLineEdit *fileEdit() const { return m_file; }
    QPushButton *browseButton() const { return m_browse; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portBox() const { return m_port; }
    QLineEdit *databaseEdit() const { return m_database; }
    QLineEdit *userEdit() const { return m_user; }
    QComboBox *protectionBox() const { return m_protection; }
    QLabel *addressLabel() const { return m_address; }
    QCheckBox *atStartBox() const { return m_atStart; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void update();

    std::function<QString(const QString &)> m_chooseFile;
    QRadioButton *m_fileChoice;
    QRadioButton *m_serverChoice;
    QWidget *m_filePart;
    QWidget *m_serverPart;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QComboBox *m_protection;
    QLabel *m_address;
    QCheckBox *m_atStart;
    QDialogButtonBox *m_buttons;
};

} // namespace foi::ui
