#include "fake/faultinjector.h"

#include <QLocale>
#include <QUuid>

namespace jobdesk::fake {

namespace {

QByteArray httpDate(const QDateTime &t)
{
    return QLocale::c().toString(t.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

HttpResponse::Wire render(const FakeReply &reply, const FaultInjector::Decision &decision, bool close,
                          const QDateTime &now)
{
    QByteArray body = reply.body;
    qsizetype declaredLength = body.size();
    bool cut = close;
    bool chunked = false;
    if (decision.fault == FakeScript::Fault::MalformedBody) {
        body = body.left(qMax<qsizetype>(1, body.size() / 2)) + "<";
        declaredLength = body.size();
    } else if (decision.fault == FakeScript::Fault::TruncatedBody) {
        declaredLength = body.size() > 1 ? body.size() : body.size() + 32;
        body = body.left(body.size() / 2);
        cut = true;
    } else if (decision.fault == FakeScript::Fault::ResetMidBody) {
        body = body.left(body.size() / 2);
    } else if (decision.fault == FakeScript::Fault::EmptyBody) {
        body.clear();
        declaredLength = 0;
    } else if (decision.fault == FakeScript::Fault::EmptyObject) {
        body = "{}";
        declaredLength = body.size();
    } else if (decision.fault == FakeScript::Fault::TruncatedChunkedBody) {
        const qsizetype half = body.size() / 2;
        body = chunk(body.left(half / 2)) + chunk(body.mid(half / 2, half - half / 2));
        chunked = true;
        cut = true;
    }

    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + FakeReply::reasonPhrase(reply.status) + "\r\n";
    if (reply.requestId != "-")
        head += "x-amzn-RequestId: "
            + (reply.requestId.isEmpty() ? QUuid::createUuid().toByteArray(QUuid::WithoutBraces) : reply.requestId)
            + "\r\n";
    if (!reply.errorType.isEmpty())
        head += "x-amzn-ErrorType: " + reply.errorType + "\r\n";
    head += "Content-Type: " + reply.contentType + "\r\n";
    for (const auto &[name, value] : reply.headers)
        head += name + ": " + value + "\r\n";
    if (chunked)
        head += "Transfer-Encoding: chunked\r\n";
    else
        head += "Content-Length: " + QByteArray::number(declaredLength) + "\r\n";
    head += "Date: " + httpDate(now.addSecs(decision.dateOffsetSeconds)) + "\r\n";
    if (close)
        head += "Connection: close\r\n";
    head += "\r\n";

    HttpResponse::Wire wire;
    wire.bytes = head + body;
    if (decision.fault == FakeScript::Fault::ResetMidBody)
        wire.after = HttpResponse::After::Reset;
    else if (cut)
        wire.after = HttpResponse::After::Close;
    return wire;
}

}  // namespace

FaultInjector::Decision FaultInjector::consume(FakeScript &script)
{
    Decision d;
    d.delayMs = script.delayMs;
    d.close = script.closeAfterAnswer;
    d.dateOffsetSeconds = script.dateOffsetSeconds;
    d.hugeBodyBytes = script.hugeBodyBytes;
    if (script.throttleCount > 0) {
        --script.throttleCount;
        d.kind = Decision::Kind::Throttle;
    } else if (!script.serverErrors.isEmpty()) {
        d.kind = Decision::Kind::ServerError;
        d.status = script.serverErrors.takeFirst();
        d.html = script.serverErrorBody == FakeScript::ServerErrorBody::Html;
    } else if (script.error && script.error->count != 0) {
        if (script.error->count > 0)
            --script.error->count;
        d.kind = Decision::Kind::Error;
        d.error = *script.error;
    } else if (script.fault != FakeScript::Fault::None && script.faultCount != 0) {
        if (script.faultCount > 0)
            --script.faultCount;
        d.fault = script.fault;
    }
    return d;
}

std::optional<FakeReply> FaultInjector::replacement(const Decision &decision)
{
    switch (decision.kind) {
    case Decision::Kind::Throttle:
        return FakeReply::jsonError(400, QStringLiteral("ThrottlingException"), QStringLiteral("Rate exceeded"));
    case Decision::Kind::ServerError: return serverErrorReply(decision.status, decision.html);
    case Decision::Kind::Error:
        return FakeReply::jsonError(decision.error.status, decision.error.code, decision.error.message);
    case Decision::Kind::Normal: break;
    }
    if (decision.fault == FakeScript::Fault::CaptivePortalHtml)
        return captivePortalReply();
    if (decision.fault == FakeScript::Fault::HugeBody)
        return hugeReply(decision.hugeBodyBytes);
    return std::nullopt;
}

bool FaultInjector::reachesService(const Decision &decision)
{
    return !replacement(decision) && decision.fault != FakeScript::Fault::NoAnswer;
}

HttpResponse FaultInjector::response(const FakeReply &reply, const Decision &decision, bool close,
                                     std::function<QDateTime()> now, std::function<void()> sent)
{
    HttpResponse response;
    response.never = decision.fault == FakeScript::Fault::NoAnswer;
    response.delayMs = decision.delayMs;
    response.sent = std::move(sent);
    response.render = [reply, decision, close, now = std::move(now)] { return render(reply, decision, close, now()); };
    return response;
}

FakeReply FaultInjector::serverErrorReply(int status, bool html)
{
    if (html) {
        FakeReply r;
        r.status = status;
        r.contentType = "text/html";
        const QByteArray title = QByteArray::number(status) + ' ' + FakeReply::reasonPhrase(status);
        r.body = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
            + "</h1></center>\r\n</body>\r\n</html>\r\n";
        return r;
    }
    if (status == 503)
        return FakeReply::jsonError(status, QStringLiteral("ServiceUnavailableException"),
                                    QStringLiteral("Service Unavailable"));
    return FakeReply::jsonError(status, QStringLiteral("InternalFailure"),
                                QStringLiteral("The request processing has failed because of an unknown error, "
                                               "exception or failure."));
}

// What a hotel or guest network's gateway answers to any request until one signs in.
FakeReply FaultInjector::captivePortalReply()
{
    FakeReply r;
    r.contentType = "text/html; charset=utf-8";
    r.body = "<!DOCTYPE html>\r\n<html>\r\n<head><title>Guest Wi-Fi - Sign in</title></head>\r\n<body>\r\n"
             "<h1>Welcome to Guest Wi-Fi</h1>\r\n<form method=\"post\" action=\"/login\">\r\n"
             "<p>Room number <input name=\"room\"></p>\r\n<p>Last name <input name=\"name\"></p>\r\n"
             "<p><input type=\"submit\" value=\"Sign in\"></p>\r\n</form>\r\n</body>\r\n</html>\r\n";
    r.requestId = "-";  // not an AWS answer: no x-amzn-RequestId
    return r;
}

// Well-formed JSON, so that only its size can be wrong with it.
FakeReply FaultInjector::hugeReply(qint64 bytes)
{
    FakeReply r;
    const QByteArray head = "{\"jobDetails\":{\"id\":\"huge\",\"padding\":\"";
    const QByteArray tail = "\"}}";
    r.body = head + QByteArray(qMax<qint64>(0, bytes - head.size() - tail.size()), 'a') + tail;
    return r;
}

}  // namespace jobdesk::fake
