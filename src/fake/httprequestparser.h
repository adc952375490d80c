#pragma once

// Incremental HTTP/1.1 request parser for the fake endpoint: bytes arrive in
// arbitrary pieces, requests may be pipelined, and a hostile or broken client
// must get a 4xx answer rather than unbounded buffering.

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace jobdesk::fake {

struct HttpRequest
{
    QByteArray method;
    QByteArray target;                                 // as on the request line: path plus optional ?query
    QByteArray version;                                // "HTTP/1.1"
    QList<std::pair<QByteArray, QByteArray>> headers;  // in arrival order, names as sent
    QByteArray body;                                   // de-chunked

    QByteArray path() const;
    QByteArray query() const;
    // First value of a header, case-insensitive; empty when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    // Whether the client wants the connection kept open after the answer.
    bool keepAlive() const;
};

class HttpRequestParser
{
public:
    enum class State { NeedMore, Complete, Failed };

    HttpRequestParser(qsizetype maxHeaderBytes, qsizetype maxBodyBytes);

    void append(const QByteArray &bytes) { m_buffer.append(bytes); }

    // Tries to take one full request from the buffered bytes. After Complete,
    // takeRequest() hands it over and the next call starts the following request.
    State parse();
    HttpRequest takeRequest();

    // After Failed: the status to answer with and why.
    int errorStatus() const { return m_errorStatus; }
    QString errorMessage() const { return m_errorMessage; }

    // True once the headers of the current request are read and it asked for
    // "Expect: 100-continue"; cleared by acknowledgeContinue().
    bool wantsContinue() const { return m_wantsContinue; }
    void acknowledgeContinue()
    {
        m_wantsContinue = false;
        m_continueSent = true;
    }

    qsizetype bufferedBytes() const { return m_buffer.size(); }

    // The body limit for PUT requests (S3 uploads), which may be larger than the API calls'.
    // Default: the same as the others.
    void setMaxUploadBytes(qsizetype bytes) { m_maxUploadBytes = bytes; }

private:
    enum class Phase { Headers, FixedBody, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done };

    State fail(int status, const QString &message);
    qsizetype maxBody() const
    {
        return m_request.method == "PUT" && m_maxUploadBytes > 0 ? m_maxUploadBytes : m_maxBodyBytes;
    }
    // Moves what has arrived of the expected body bytes into the body; true once all are in.
    bool takeBodyBytes();
    State parseHeaders();
    void reset();

    qsizetype m_maxHeaderBytes;
    qsizetype m_maxBodyBytes;
    qsizetype m_maxUploadBytes = 0;
    QByteArray m_buffer;
    Phase m_phase = Phase::Headers;
    HttpRequest m_request;
    qsizetype m_remaining = 0;  // body bytes still expected (fixed body or current chunk)
    qsizetype m_trailerBytes = 0;
    bool m_wantsContinue = false;
    bool m_continueSent = false;
    int m_errorStatus = 0;
    QString m_errorMessage;
};

}  // namespace jobdesk::fake
