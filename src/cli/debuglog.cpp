#include "cli/debuglog.h"

#include <QStringList>

namespace jobdesk::cli {

namespace {

// A Python-style bytes literal (b'...'), the way the AWS CLI logs bodies.
QString bytesLiteral(const QByteArray &bytes)
{
    QString out = QStringLiteral("b'");
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\\')
            out += QStringLiteral("\\\\");
        else if (c == '\'')
            out += QStringLiteral("\\'");
        else if (c == '\n')
            out += QStringLiteral("\\n");
        else if (c == '\r')
            out += QStringLiteral("\\r");
        else if (c == '\t')
            out += QStringLiteral("\\t");
        else if (c >= 0x20 && c < 0x7f)
            out += QLatin1Char(char(c));
        else
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
    out += QLatin1Char('\'');
    return out;
}

QString headerDict(const QList<std::pair<QByteArray, QByteArray>> &headers, bool valuesAsBytes)
{
    QStringList parts;
    for (const auto &[name, value] : headers) {
        const QString shown =
            valuesAsBytes ? bytesLiteral(value) : QLatin1Char('\'') + QString::fromUtf8(value) + QLatin1Char('\'');
        parts << QLatin1Char('\'') + QString::fromUtf8(name) + QStringLiteral("': ") + shown;
    }
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

}  // namespace

QString DebugLog::timestamp(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1Char(',')
        + QStringLiteral("%1").arg(local.time().msec(), 3, 10, QLatin1Char('0'));
}

void DebugLog::log(const char *logger, const QString &message) const
{
    const QString line = timestamp(QDateTime::currentDateTime()) + QStringLiteral(" - MainThread - ")
        + QLatin1String(logger) + QStringLiteral(" - DEBUG - ") + m_redactor.redactText(message) + QLatin1Char('\n');
    const QByteArray bytes = line.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), m_stream);
    std::fflush(m_stream);
}

void DebugLog::wire(const aws::WireEvent &event) const
{
    switch (event.kind) {
    case aws::WireEvent::Kind::Request: {
        const auto headers = m_redactor.redactHeaders(event.headers);
        log("jobdesk.endpoint",
            QStringLiteral(
                "Sending http request: <AWSPreparedRequest stream_output=False, method=%1, url=%2, headers=%3>")
                .arg(QString::fromLatin1(event.method), event.url.toString(), headerDict(headers, true)));
        log("jobdesk.endpoint",
            QStringLiteral("Request body:\n") + bytesLiteral(m_redactor.redactRequestBody(event.body)));
        return;
    }
    case aws::WireEvent::Kind::Response: {
        log("jobdesk.parsers", QStringLiteral("Response status: %1 (attempt %2)").arg(event.status).arg(event.attempt));
        log("jobdesk.parsers",
            QStringLiteral("Response headers: ") + headerDict(m_redactor.redactHeaders(event.headers), false));
        log("jobdesk.parsers",
            QStringLiteral("Response body:\n") + bytesLiteral(m_redactor.redactResponseBody(event.body)));
        return;
    }
    case aws::WireEvent::Kind::Retry: log("jobdesk.retries", event.text); return;
    case aws::WireEvent::Kind::Note: log("jobdesk.endpoint", event.text); return;
    }
}

}  // namespace jobdesk::cli
