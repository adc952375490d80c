#pragma once

// Responses the output-writer tests render, and the AWS CLI's own rendering of
// them (through tests/support/awscli_format.py) to compare against.

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace jobdesk::test {

struct SampleResponse
{
    QString name;
    QString title;  // the operation, as aws passes it to its formatter
    nlohmann::ordered_json response;
    bool query = false;  // response is a --query result: any JSON value
};

// Hand-picked responses of the five operations, plus generic shapes
// (numbers, booleans, nulls, nested lists) the formatters must also handle.
std::vector<SampleResponse> fixedResponses();

// GetThirdPartyJobDetails responses with random members present, random
// lengths and random text (ASCII, accents, CJK, emoji, tabs, quotes...).
std::vector<SampleResponse> randomJobDetailsResponses(int count, std::uint32_t seed);

// What --query can select from an answer: every shape of JSON value at top
// level (null, strings, ints and floats, booleans, lists of scalars, of lists,
// of objects, multi-select hashes, empty and nested mixes), including the ones
// the AWS CLI's table formatter fails on.
std::vector<SampleResponse> queryResults();

struct ReferenceCase
{
    QString format;  // text, table or json
    const nlohmann::ordered_json *response = nullptr;
    QString title;
    int width = 80;
    bool color = false;
    bool query = false;  // response is a --query result, handed over as aws does
};

// Runs every case through the AWS CLI's formatters in one python3 process.
// On failure returns false and says why in *error. Where the formatter raised
// an exception (as the text and table formatters do on some --query results),
// the output is what it printed before, and *failures (if given) holds the
// exception's message at that index; it is empty for every other case.
bool awsCliReference(const std::vector<ReferenceCase> &cases, QList<QByteArray> *outputs, QString *error,
                     QStringList *failures = nullptr);

// A readable account of where two renderings part: the first differing line
// with some context, control characters made visible.
QString describeMismatch(const QByteArray &expected, const QByteArray &actual);

}  // namespace jobdesk::test
