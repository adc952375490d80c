// libFuzzer target: the fake endpoint's incremental HTTP/1.1 request parser.
// Besides "no crash", it checks the property the parser exists for: bytes may
// arrive in any pieces, so feeding the input in one go and in small pieces must
// give the same requests and the same final outcome. The first input byte
// picks the piece size; the rest is the byte stream.

#include "fake/httprequestparser.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using jobdesk::fake::HttpRequest;
using jobdesk::fake::HttpRequestParser;

namespace {

// Small limits so the fuzzer reaches the "too large" paths with small inputs.
constexpr qsizetype maxHeaderBytes = 2048;
constexpr qsizetype maxBodyBytes = 4096;

struct Outcome
{
    QList<HttpRequest> requests;
    HttpRequestParser::State last = HttpRequestParser::State::NeedMore;
    int errorStatus = 0;
};

// Parses what has arrived so far, the way the fake's connection handler does.
bool drain(HttpRequestParser &parser, Outcome &outcome)
{
    for (;;) {
        const auto state = parser.parse();
        if (parser.wantsContinue())
            parser.acknowledgeContinue();
        outcome.last = state;
        if (state == HttpRequestParser::State::Complete) {
            HttpRequest request = parser.takeRequest();
            (void)request.path();
            (void)request.query();
            (void)request.keepAlive();
            outcome.requests.append(std::move(request));
            continue;
        }
        if (state == HttpRequestParser::State::Failed) {
            outcome.errorStatus = parser.errorStatus();
            return false;
        }
        return true;
    }
}

Outcome run(const QByteArray &stream, qsizetype piece)
{
    HttpRequestParser parser(maxHeaderBytes, maxBodyBytes);
    Outcome outcome;
    for (qsizetype pos = 0; pos < stream.size(); pos += piece) {
        parser.append(stream.mid(pos, piece));
        if (!drain(parser, outcome))
            break;
    }
    return outcome;
}

bool same(const HttpRequest &a, const HttpRequest &b)
{
    return a.method == b.method && a.target == b.target && a.version == b.version && a.headers == b.headers
        && a.body == b.body;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = 1 + data[0] % 16;
    const QByteArray stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    const Outcome whole = run(stream, stream.size() > 0 ? stream.size() : 1);
    const Outcome pieces = run(stream, piece);

    if (whole.requests.size() != pieces.requests.size() || whole.last != pieces.last
        || whole.errorStatus != pieces.errorStatus) {
        std::fprintf(stderr,
                     "in one piece: %lld requests, state %d, status %d; in pieces of %lld: %lld requests, "
                     "state %d, status %d\n",
                     static_cast<long long>(whole.requests.size()), int(whole.last), whole.errorStatus,
                     static_cast<long long>(piece), static_cast<long long>(pieces.requests.size()), int(pieces.last),
                     pieces.errorStatus);
        std::abort();
    }
    for (qsizetype i = 0; i < whole.requests.size(); ++i) {
        if (!same(whole.requests[i], pieces.requests[i])) {
            std::fprintf(stderr, "request %lld differs when the bytes arrive in pieces of %lld\n",
                         static_cast<long long>(i), static_cast<long long>(piece));
            std::abort();
        }
    }
    return 0;
}
