#include "fake/httprequestparser.h"

namespace jobdesk::fake {

namespace {

bool isToken(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 32 || u >= 127)
            return false;
        if (QByteArrayView("()<>@,;:\\\"/[]?={}").contains(c))
            return false;
    }
    return true;
}

bool parseDecimal(const QByteArray &text, qsizetype &out)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    qsizetype v = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

bool parseHex(const QByteArray &text, qsizetype &out)
{
    if (text.isEmpty() || text.size() > 15)
        return false;
    qsizetype v = 0;
    for (const char c : text) {
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return false;
        v = v * 16 + d;
    }
    out = v;
    return true;
}

}  // namespace

QByteArray HttpRequest::path() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

QByteArray HttpRequest::query() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? QByteArray() : target.mid(q + 1);
}

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool HttpRequest::keepAlive() const
{
    const QByteArray connection = header("connection").toLower();
    const QList<QByteArray> options = connection.split(',');
    bool close = false;
    bool keep = false;
    for (const QByteArray &option : options) {
        if (option.trimmed() == "close")
            close = true;
        else if (option.trimmed() == "keep-alive")
            keep = true;
    }
    if (close)
        return false;
    // HTTP/1.0 closes unless asked otherwise; 1.1 keeps the connection by default.
    return version == "HTTP/1.1" || keep;
}

HttpRequestParser::HttpRequestParser(qsizetype maxHeaderBytes, qsizetype maxBodyBytes)
    : m_maxHeaderBytes(maxHeaderBytes), m_maxBodyBytes(maxBodyBytes)
{
}

bool HttpRequestParser::takeBodyBytes()
{
    const qsizetype take = qMin(m_remaining, m_buffer.size());
    m_request.body.append(m_buffer.constData(), take);
    m_buffer.remove(0, take);
    m_remaining -= take;
    return m_remaining == 0;
}

HttpRequestParser::State HttpRequestParser::fail(int status, const QString &message)
{
    m_errorStatus = status;
    m_errorMessage = message;
    return State::Failed;
}

void HttpRequestParser::reset()
{
    m_phase = Phase::Headers;
    m_request = {};
    m_remaining = 0;
    m_trailerBytes = 0;
    m_wantsContinue = false;
    m_continueSent = false;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    reset();
    return request;
}

HttpRequestParser::State HttpRequestParser::parseHeaders()
{
    // Clients may send stray empty lines between pipelined requests (RFC 9112 2.2).
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);

    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > m_maxHeaderBytes)
            return fail(400, QStringLiteral("Request header section is too large"));
        return State::NeedMore;
    }
    if (end + 4 > m_maxHeaderBytes)
        return fail(400, QStringLiteral("Request header section is too large"));

    const QByteArray head = m_buffer.left(end);
    m_buffer.remove(0, end + 4);

    const QList<QByteArray> lines = head.split('\n');
    QList<QByteArray> cleaned;
    cleaned.reserve(lines.size());
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))  // a bare LF line end is tolerated too
            line.chop(1);
        cleaned.append(line);
    }

    const QList<QByteArray> requestLine = cleaned.first().split(' ');
    if (requestLine.size() != 3 || requestLine[0].isEmpty() || requestLine[1].isEmpty())
        return fail(400, QStringLiteral("Malformed request line"));
    if (!isToken(requestLine[0]))
        return fail(400, QStringLiteral("Malformed request method"));
    if (requestLine[2] != "HTTP/1.1" && requestLine[2] != "HTTP/1.0")
        return fail(505, QStringLiteral("HTTP version not supported"));
    m_request.method = requestLine[0];
    m_request.target = requestLine[1];
    m_request.version = requestLine[2];

    for (qsizetype i = 1; i < cleaned.size(); ++i) {
        const QByteArray &line = cleaned[i];
        if (line.startsWith(' ') || line.startsWith('\t'))
            return fail(400, QStringLiteral("Obsolete header line folding is not accepted"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(400, QStringLiteral("Malformed header line"));
        const QByteArray name = line.left(colon);
        if (!isToken(name))
            return fail(400, QStringLiteral("Malformed header name"));
        m_request.headers.append({name, line.mid(colon + 1).trimmed()});
    }

    const bool hasLength = m_request.hasHeader("content-length");
    const QByteArray encoding = m_request.header("transfer-encoding").trimmed().toLower();
    if (!encoding.isEmpty()) {
        if (hasLength)
            return fail(400, QStringLiteral("Both Content-Length and Transfer-Encoding were sent"));
        if (encoding != "chunked")
            return fail(501, QStringLiteral("Unsupported transfer encoding"));
        m_phase = Phase::ChunkSize;
    } else if (hasLength) {
        // Repeated Content-Length headers must agree, or the body boundary is ambiguous.
        QByteArray first;
        for (const auto &[key, value] : std::as_const(m_request.headers)) {
            if (key.compare("content-length", Qt::CaseInsensitive) != 0)
                continue;
            if (!first.isNull() && value != first)
                return fail(400, QStringLiteral("Conflicting Content-Length headers"));
            first = value;
        }
        qsizetype length = 0;
        if (!parseDecimal(first, length))
            return fail(400, QStringLiteral("Invalid Content-Length"));
        if (length > maxBody())
            return fail(413, QStringLiteral("Request body is too large"));
        m_remaining = length;
        m_phase = length > 0 ? Phase::FixedBody : Phase::Done;
    } else {
        m_phase = Phase::Done;
    }
    if (m_phase != Phase::Done && m_request.header("expect").trimmed().toLower() == "100-continue")
        m_wantsContinue = true;
    return State::NeedMore;
}

HttpRequestParser::State HttpRequestParser::parse()
{
    for (;;) {
        switch (m_phase) {
        case Phase::Headers: {
            const State state = parseHeaders();
            if (state == State::Failed)
                return state;
            if (m_phase == Phase::Headers)
                return State::NeedMore;
            break;
        }
        case Phase::FixedBody:
            if (!takeBodyBytes())
                return State::NeedMore;
            m_phase = Phase::Done;
            break;
        case Phase::ChunkSize: {
            // The line (extensions included) may be up to maxChunkLine bytes however the
            // bytes arrive: a partial line may also hold the '\r' of its CRLF.
            constexpr qsizetype maxChunkLine = 1024;
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0) {
                if (m_buffer.size() > maxChunkLine + 1)
                    return fail(400, QStringLiteral("Malformed chunk size line"));
                return State::NeedMore;
            }
            if (eol > maxChunkLine)
                return fail(400, QStringLiteral("Malformed chunk size line"));
            QByteArray sizeText = m_buffer.left(eol);
            m_buffer.remove(0, eol + 2);
            const qsizetype semicolon = sizeText.indexOf(';');
            if (semicolon >= 0)
                sizeText.truncate(semicolon);
            qsizetype size = 0;
            if (!parseHex(sizeText.trimmed(), size))
                return fail(400, QStringLiteral("Malformed chunk size"));
            if (m_request.body.size() + size > maxBody())
                return fail(413, QStringLiteral("Request body is too large"));
            if (size == 0) {
                m_phase = Phase::Trailers;
            } else {
                m_remaining = size;
                m_phase = Phase::ChunkData;
            }
            break;
        }
        case Phase::ChunkData:
            if (!takeBodyBytes())
                return State::NeedMore;
            m_phase = Phase::ChunkDataEnd;
            break;
        case Phase::ChunkDataEnd:
            if (!m_buffer.isEmpty() && m_buffer.at(0) != '\r')
                return fail(400, QStringLiteral("Chunk data is not followed by CRLF"));
            if (m_buffer.size() < 2)
                return State::NeedMore;
            if (!m_buffer.startsWith("\r\n"))
                return fail(400, QStringLiteral("Chunk data is not followed by CRLF"));
            m_buffer.remove(0, 2);
            m_phase = Phase::ChunkSize;
            break;
        case Phase::Trailers: {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0) {
                if (m_trailerBytes + m_buffer.size() > m_maxHeaderBytes)
                    return fail(400, QStringLiteral("Request trailer section is too large"));
                return State::NeedMore;
            }
            m_trailerBytes += eol + 2;
            if (m_trailerBytes > m_maxHeaderBytes)
                return fail(400, QStringLiteral("Request trailer section is too large"));
            const bool last = eol == 0;
            m_buffer.remove(0, eol + 2);  // trailer fields carry nothing the fake needs
            if (last)
                m_phase = Phase::Done;
            break;
        }
        case Phase::Done: return State::Complete;
        }
    }
}

}  // namespace jobdesk::fake
