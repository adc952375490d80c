#include "fake/fakereply.h"

#include <nlohmann/json.hpp>

namespace jobdesk::fake {

namespace {

constexpr char kErrorTypeSuffix[] = ":http://internal.amazon.com/coral/com.amazonaws.codepipeline/";

}  // namespace

FakeReply FakeReply::jsonError(int status, const QString &code, const QString &message)
{
    FakeReply r;
    r.status = status;
    r.errorCode = code;
    r.errorType = code.toUtf8() + kErrorTypeSuffix;
    nlohmann::ordered_json body;
    body["__type"] = code.toStdString();
    body["message"] = message.toStdString();
    r.body = QByteArray::fromStdString(body.dump());
    return r;
}

QByteArray FakeReply::reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

}  // namespace jobdesk::fake
