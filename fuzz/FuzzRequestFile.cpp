// libFuzzer target: Request::fromJson, the request file parser, and Request::toJson.
//
// The input is a request file. A file that is refused must say where (the file, and a key path when a key
// is at fault). A file that is accepted is written back with toJson, as the wizard saves a request, and
// what is written must read back as the same request and be written the same again.

#include "FuzzSupport.h"
#include "count/Request.h"

namespace {

const QString kFileName = QStringLiteral("fuzz-request.json");

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace foi;
    const Result<Request> request = Request::fromJson(fuzz::bytesOf(data, size), kFileName);
    if (!request) {
        fuzz::checkError(request.error(), kFileName);
        return 0;
    }
    fuzz::check(!request->reference.trimmed().isEmpty(), "an accepted request has a reference");
    fuzz::check(!request->tables.isEmpty(), "an accepted request has a table");

    const QByteArray written = request->toJson();
    const Result<Request> back = Request::fromJson(written, kFileName);
    if (!back) {
        std::fprintf(stderr, "written:\n%s\nerror: %s\n", written.constData(),
                     qPrintable(back.error().toString()));
        fuzz::check(false, "a written request reads back");
    }
    fuzz::check(*back == *request, "a written request reads back as the same request");
    fuzz::check(back->toJson() == written, "a request read back is written the same");
    return 0;
}
