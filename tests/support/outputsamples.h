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
};

// Hand-picked responses of the five operations, plus generic shapes
// (numbers, booleans, nulls, nested lists) the formatters must also handle.
std::vector<SampleResponse> fixedResponses();

// GetThirdPartyJobDetails responses with random members present, random
// lengths and random text (ASCII, accents, CJK, emoji, tabs, quotes...).
std::vector<SampleResponse> randomJobDetailsResponses(int count, std::uint32_t seed);

struct ReferenceCase
{
    QString format;  // text, table or json
    const nlohmann::ordered_json *response = nullptr;
    QString title;
    int width = 80;
    bool color = false;
};

// Runs every case through the AWS CLI's formatters in one python3 process.
// On failure returns false and says why in *error.
bool awsCliReference(const std::vector<ReferenceCase> &cases, QList<QByteArray> *outputs, QString *error);

// A readable account of where two renderings part: the first differing line
// with some context, control characters made visible.
QString describeMismatch(const QByteArray &expected, const QByteArray &actual);

}  // namespace jobdesk::test
