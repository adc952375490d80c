#include "support/outputsamples.h"

#include "support/testenv.h"

#include <QStandardPaths>

#include <random>
#include <string>

namespace jobdesk::test {

namespace {

using Json = nlohmann::ordered_json;

Json parse(const char *text)
{
    return Json::parse(text);
}

Json artifact(int i, bool withRevision, bool withLocation)
{
    Json a = Json::object();
    a["name"] = "Artifact_" + std::to_string(i);
    if (withRevision)
        a["revision"] = "rev-" + std::to_string(1000 + i);
    if (withLocation) {
        a["location"] = Json::object();
        a["location"]["type"] = "S3";
        a["location"]["s3Location"] = Json::object();
        a["location"]["s3Location"]["bucketName"] = "codepipeline-us-east-1-123456789012";
        a["location"]["s3Location"]["objectKey"] =
            "MyPipeline/Artifact_" + std::to_string(i) + "/obj" + std::to_string(i);
    }
    return a;
}

const char *const kFullJob = R"({"jobDetails": {
  "id": "0a1b2c3d-4e5f-6789-abcd-ef0123456789",
  "data": {
    "actionTypeId": {"category": "Build", "owner": "ThirdParty", "provider": "JobDeskBuild", "version": "1"},
    "actionConfiguration": {"configuration": {"ProjectName": "web-frontend", "Branch": "main", "Timeout": "30"}},
    "pipelineContext": {
      "pipelineName": "MyPipeline",
      "stage": {"name": "Build"},
      "action": {"name": "CompileAndTest", "actionExecutionId": "c0ffee00-1111-2222-3333-444455556666"},
      "pipelineArn": "arn:aws:codepipeline:us-east-1:123456789012:MyPipeline",
      "pipelineExecutionId": "5d6e7f80-9a0b-1c2d-3e4f-506172839405"},
    "inputArtifacts": [
      {"name": "SourceOutput", "revision": "a3f9c2d", "location": {"type": "S3",
        "s3Location": {"bucketName": "codepipeline-us-east-1-123456789012", "objectKey": "MyPipeline/SourceOutp/Ab12Cd3"}}},
      {"name": "ConfigOutput", "revision": "7", "location": {"type": "S3",
        "s3Location": {"bucketName": "codepipeline-us-east-1-123456789012", "objectKey": "MyPipeline/ConfigOutp/Zx98Yw7"}}}],
    "outputArtifacts": [
      {"name": "BuildOutput", "location": {"type": "S3",
        "s3Location": {"bucketName": "codepipeline-us-east-1-123456789012", "objectKey": "MyPipeline/BuildOutpu/Qr45St6"}}},
      {"name": "TestReports", "location": {"type": "S3",
        "s3Location": {"bucketName": "codepipeline-us-east-1-123456789012", "objectKey": "MyPipeline/TestReport/Uv78Wx9"}}}],
    "artifactCredentials": {"accessKeyId": "ASIAEXAMPLEKEY123456",
      "secretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "sessionToken": "IQoJb3JpZ2luX2VjEXAMPLETOKENaCXVzLWVhc3QtMSJGMEQCIAexampleTOKEN"},
    "continuationToken": "step-2-of-3",
    "encryptionKey": {"id": "arn:aws:kms:us-east-1:123456789012:alias/aws/s3", "type": "KMS"}},
  "nonce": "3"}})";

const char *const kUnicodeJob = R"({"jobDetails": {"id": "ünïcødé-ジョブ-1", "data": {
  "actionConfiguration": {"configuration": {
    "Café": "crème brûlée à la carte",
    "日本語キー": "東京都の設定値です",
    "한국어": "안녕하세요 세계",
    "Emoji": "build 🚀 passed 👍🏽 ✅",
    "Ambiguous": "±5°C § ¶ × ÷ — “quoted” …",
    "Fullwidth": "ＡＢＣ１２３",
    "Combining": "e\u0301 n\u0303 a\u0308",
    "Zero": "a\u200bb\u00a0c"}},
  "continuationToken": "継続トークン"}, "nonce": "ñ"}})";

const char *const kQuotingJob = R"({"jobDetails": {"id": "q-1", "data": {
  "actionConfiguration": {"configuration": {
    "Quotes": "say \"hello\" and 'bye'",
    "Tabbed": "col1\tcol2\tcol3",
    "Multiline": "line one\nline two\r\nline three",
    "Backslash": "C:\\Program Files\\JobDesk\\",
    "Script": "echo \"$HOME\" | tr a-z A-Z; exit 0",
    "Json": "{\"nested\": [1, 2, {\"x\": \"y\"}]}",
    "Control": "bell\u0007 escape\u001b[0m end",
    "Spaces": "  leading and trailing  "}}}}})";

const char *const kLongValues = R"({"jobDetails": {"id": "long-values-job", "data": {
  "actionConfiguration": {"configuration": {"Short": "x",
    "Long": "this configuration value is deliberately much longer than any terminal so that the table cannot fit eighty columns and the AWS CLI turns it on its side"}},
  "artifactCredentials": {"accessKeyId": "ASIAEXAMPLEKEY123456", "secretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "sessionToken": "FwoGZXIvYXdzEBYaDHqa0AP7EXAMPLEl3ZQpUBOWyrDg5h2Z0PTY/Gw+EXAMPLETOKENgzKz4gZs0Cx9eU+EXAMPLETOKENQ4ng//oG5SJ4EXAMPLETOKENCQPlmU4Nv+UPfcTJ6EXAMPLETOKENk8ePqTMwPEXAMPLETOKENqk6Xp0TYyEXAMPLETOKENAb3cEXAMPLETOKEN"},
  "continuationToken": "a continuation token long enough by itself to push the data section past eighty columns wide"}}})";

const char *const kGeneric = R"({
  "flag": true, "off": false, "nothing": null, "count": 3, "negative": -42, "ratio": 0.5,
  "big": 1e20, "sixteen": 1e16, "fifteen": 1e15, "tiny": 1e-7, "small": 0.0001, "smaller": 0.00001,
  "precise": 123.456, "third": 0.3333333333333333, "negzero": -0.0, "whole": 2.0, "huge": 18446744073709551615,
  "empty": "", "zero": 0,
  "tags": ["alpha", "beta", "", "γάμμα"],
  "matrix": [[1, 2, 3], [4, 5, 6]],
  "mixedScalars": ["a", 1, true, null, 2.5],
  "straße": {"größe": "groß", "inner": {"ﬁle": "x"}}, "ﬁx": {"ǆ": "1", "ı": "2"},
  "emptyObject": {}, "emptyList": [],
  "records": [{"a": 1, "b": {"c": 2}}, {"a": {"z": "it's"}, "d": "x"}, {"e": [1, 2]}],
  "listOfLists": [["x", "y"], ["z", "w"]],
  "deep": {"l1": {"l2": {"l3": {"l4": {"l5": {"value": "bottom", "other": "side"}}}}}}
})";

}  // namespace

std::vector<SampleResponse> fixedResponses()
{
    const QString get = QStringLiteral("GetThirdPartyJobDetails");
    const QString poll = QStringLiteral("PollForThirdPartyJobs");
    std::vector<SampleResponse> samples;
    samples.push_back({QStringLiteral("full job"), get, parse(kFullJob)});
    samples.push_back({QStringLiteral("minimal job"), get, parse(R"({"jobDetails": {"id": "j-1"}})")});
    samples.push_back(
        {QStringLiteral("job with empty data"), get,
         parse(
             R"({"jobDetails": {"id": "j-2", "data": {"actionConfiguration": {"configuration": {}}}, "nonce": "1"}})")});
    samples.push_back({QStringLiteral("unicode"), get, parse(kUnicodeJob)});
    samples.push_back({QStringLiteral("quotes tabs newlines"), get, parse(kQuotingJob)});
    samples.push_back({QStringLiteral("long values"), get, parse(kLongValues)});

    Json fifty = parse(
        R"({"jobDetails": {"id": "fifty", "data": {"actionConfiguration": {"configuration": {}}}, "nonce": "9"}})");
    for (int i = 0; i < 50; ++i) {
        // Not in sorted order, so the writers have to sort.
        const int k = (i * 37) % 50;
        fifty["jobDetails"]["data"]["actionConfiguration"]["configuration"]["Key" + std::to_string(k)] =
            "value number " + std::to_string(k) + std::string(static_cast<size_t>(k % 7), '*');
    }
    samples.push_back({QStringLiteral("50 configuration entries"), get, fifty});

    Json twenty = parse(R"({"jobDetails": {"id": "twenty", "data": {"inputArtifacts": [], "outputArtifacts": []}}})");
    for (int i = 0; i < 20; ++i) {
        twenty["jobDetails"]["data"]["inputArtifacts"].push_back(artifact(i, i % 3 != 0, i % 4 != 1));
        twenty["jobDetails"]["data"]["outputArtifacts"].push_back(artifact(100 + i, false, true));
    }
    samples.push_back({QStringLiteral("20 artifacts"), get, twenty});

    samples.push_back({QStringLiteral("poll 0 jobs"), poll, parse(R"({"jobs": []})")});
    samples.push_back(
        {QStringLiteral("poll 1 job"), poll,
         parse(
             R"({"jobs": [{"clientId": "11111111-2222-3333-4444-555555555555", "jobId": "0a1b2c3d-4e5f-6789-abcd-ef0123456789"}]})")});
    samples.push_back({QStringLiteral("poll 3 jobs"), poll, parse(R"({"jobs": [
        {"clientId": "11111111-2222-3333-4444-555555555555", "jobId": "0a1b2c3d-4e5f-6789-abcd-ef0123456789"},
        {"clientId": "66666666-7777-8888-9999-000000000000", "jobId": "1b2c3d4e-5f60-789a-bcde-f0123456789a"},
        {"jobId": "2c3d4e5f-6071-89ab-cdef-0123456789ab"}]})")});
    samples.push_back({QStringLiteral("acknowledge"), QStringLiteral("AcknowledgeThirdPartyJob"),
                       parse(R"({"status": "InProgress"})")});
    samples.push_back(
        {QStringLiteral("success result (empty)"), QStringLiteral("PutThirdPartyJobSuccessResult"), Json::object()});
    samples.push_back(
        {QStringLiteral("failure result (empty)"), QStringLiteral("PutThirdPartyJobFailureResult"), Json::object()});
    samples.push_back({QStringLiteral("title wider than content"), QStringLiteral("PutThirdPartyJobFailureResult"),
                       parse(R"({"s": "x"})")});
    samples.push_back(
        {QStringLiteral("empty string value"), QStringLiteral("AcknowledgeThirdPartyJob"), parse(R"({"status": ""})")});
    samples.push_back({QStringLiteral("generic values"), QStringLiteral("Generic"), parse(kGeneric)});
    samples.push_back({QStringLiteral("empty title"), QString(), parse(R"({"a": "1", "b": {"c": "2"}})")});
    return samples;
}

std::vector<SampleResponse> queryResults()
{
    // name, the result as JSON text. Titles are the operation the query ran on.
    static const char *const results[][2] = {
        {"null", "null"},
        {"string", R"("arn:aws:codepipeline:us-east-1:123456789012:MyPipeline")"},
        {"empty string", R"("")"},
        {"string with tab and newline", R"("a\tb\nc")"},
        {"unicode string", R"("値は「テスト」です 🚀 ✅")"},
        {"int", "42"},
        {"zero", "0"},
        {"negative int", "-7"},
        {"big int", "12345678901234567890"},
        {"float", "1.5"},
        {"float one", "1.0"},
        {"float tenth", "0.1"},
        {"float 1e15", "1e15"},
        {"float 16 digits", "1234567890123456.0"},
        {"float 1e16", "1e16"},
        {"float small", "0.00001"},
        {"float negative zero", "-0.0"},
        {"true", "true"},
        {"false", "false"},
        {"empty list", "[]"},
        {"empty object", "{}"},
        {"list of strings", R"(["Artifact_1", "Artifact_2", "Ünïcödé"])"},
        {"list of mixed scalars", R"([1, 2.5, true, null, "x"])"},
        {"list of nulls", "[null, null]"},
        {"list of lists", R"([["a", "b"], ["c", "d"]])"},
        {"ragged list of lists", R"([["a"], ["b", "c"]])"},
        {"list of empty list", "[[]]"},
        {"list of lists of lists", "[[[1, 2]], [[3, 4]]]"},
        {"scalar then list", R"([1, [2, 3]])"},
        {"scalar then object", R"([1, {"a": 1}])"},
        {"scalar then wide object", R"([1, {"a": 1, "b": 2}])"},
        {"scalar then list of objects", R"([1, [{"a": 1, "b": 2}]])"},
        {"list with scalar and object", R"([[1, {"a": 1}]])"},
        {"list of objects",
         R"([{"name": "Artifact_1", "revision": "rev-1"}, {"name": "Artifact_2", "revision": null}])"},
        {"list of objects, other keys", R"([{"a": 1}, {"b": 2.0, "c": true}])"},
        {"list of objects with lists", R"([{"name": "x", "tags": ["a", "b"]}, {"name": "y", "tags": []}])"},
        {"list of empty object", "[{}]"},
        {"member scalar and list", R"([{"a": [1, 2]}, {"a": "x"}])"},
        {"object then number", R"([{"a": 1}, 5])"},
        {"object then null", R"([{"a": 1}, null])"},
        {"object then string", R"([{"a": 1}, "xy"])"},
        {"object then empty string", R"([{"a": 1}, ""])"},
        {"object then empty list", R"([{"a": 1}, []])"},
        {"object then list of text", R"([{"a": 1}, ["x"]])"},
        {"object then list out of range", R"([{"a": 1}, [5]])"},
        {"empty object then positions", R"([{}, [0]])"},
        {"lines before a failing list", R"({"a": "x", "b": [{"c": 1}, 2], "d": ["y"]})"},
        {"multi-select hash", R"({"id": "j-1", "nonce": "3", "provider": "AcmeCI"})"},
        {"one member", R"({"only": "x"})"},
        {"hash of mixed", R"({"a": null, "b": [1, 2], "c": {"d": "e"}, "f": 1.25, "g": false})"},
        {"hash of lists", R"({"names": ["a", "b"], "revisions": [["r1"], ["r2", "r3"]]})"},
        {"hash with empty members", R"({"e": [], "o": {}, "s": ""})"},
        {"unicode keys", R"({"日本語キー": "値", "straße": "ß", "Emoji": "🚀"})"},
        {"nested mix", R"({"a": [{"b": [1, {"c": 2}], "d": "x"}, {"b": [], "d": "y"}], "z": {"y": [[1], [2, [3]]]}})"},
        {"list of hashes of hashes", R"([{"s3": {"bucketName": "b", "objectKey": "k/ö.zip"}, "type": "S3"}])"},
        {"wide row",
         R"({"a": "0123456789012345678901234567890123456789", "b": "0123456789012345678901234567890123456789"})"},
    };
    std::vector<SampleResponse> samples;
    for (const auto &[name, json] : results) {
        SampleResponse sample{QString::fromUtf8(name), QStringLiteral("GetThirdPartyJobDetails"), parse(json)};
        sample.query = true;
        samples.push_back(std::move(sample));
    }
    return samples;
}

namespace {

// Draws from std::mt19937, whose output sequence the standard fixes; the
// distributions on top of it are not portable, so this avoids them.
class Random
{
public:
    explicit Random(std::uint32_t seed) : m_engine(seed) {}

    int below(int n) { return static_cast<int>(m_engine() % static_cast<std::uint32_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }

    std::string pick(const std::vector<std::string> &options)
    {
        return options[static_cast<size_t>(below(static_cast<int>(options.size())))];
    }

    std::string word(const std::string &alphabet, int minLength, int maxLength)
    {
        const int length = minLength + below(maxLength - minLength + 1);
        std::string out;
        for (int i = 0; i < length; ++i)
            out += alphabet[static_cast<size_t>(below(static_cast<int>(alphabet.size())))];
        return out;
    }

    // Free text mixing the kinds of characters that change widths or quoting.
    std::string text(int maxLength)
    {
        static const std::vector<std::vector<std::string>> pools = {
            {"a", "b", "c", "x", "Y", "Z", "0", "7", "-", "_", "/", ":", ".", " ", "=", ","},
            {"é", "ñ", "ü", "ß", "Å", "ø", "ç"},
            {"中", "文", "日", "本", "語", "한", "국", "ア", "イ"},
            {"😀", "🚀", "👍🏽", "✅", "🎉"},
            {"±", "§", "°", "¶", "×", "—", "…", "“", "”"},
            {"Ａ", "１", "！"},
            {"\"", "'", "\\", "`", "$", "|", "+"},
            {"\t", "\n", "\r"},
        };
        static const std::vector<int> weights = {70, 8, 8, 4, 4, 2, 3, 1};
        const int length = below(maxLength + 1);
        std::string out;
        for (int i = 0; i < length; ++i) {
            int roll = below(100);
            size_t pool = 0;
            while (roll >= weights[pool]) {
                roll -= weights[pool];
                ++pool;
            }
            out += pick(pools[pool]);
        }
        return out;
    }

    // Mostly short, sometimes long enough to push the table past the terminal.
    std::string value() { return text(chance(15) ? 160 : 30); }

private:
    std::mt19937 m_engine;
};

const std::string kNameChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const std::string kHex = "0123456789abcdef";

std::string uuid(Random &random)
{
    return random.word(kHex, 8, 8) + '-' + random.word(kHex, 4, 4) + '-' + random.word(kHex, 4, 4) + '-'
        + random.word(kHex, 4, 4) + '-' + random.word(kHex, 12, 12);
}

Json randomArtifacts(Random &random)
{
    Json list = Json::array();
    const int count = random.below(5);
    for (int i = 0; i < count; ++i) {
        Json a = Json::object();
        if (random.chance(90))
            a["name"] = random.word(kNameChars, 1, 20);
        if (random.chance(50))
            a["revision"] = random.value();
        if (random.chance(80)) {
            a["location"] = Json::object();
            if (random.chance(90))
                a["location"]["type"] = "S3";
            if (random.chance(90)) {
                a["location"]["s3Location"] = {{"bucketName", random.word(kNameChars, 3, 40)},
                                               {"objectKey", random.value()}};
            }
        }
        list.push_back(a);
    }
    return list;
}

Json randomJobDetails(Random &random)
{
    Json data = Json::object();
    if (random.chance(80)) {
        data["actionTypeId"] = {
            {"category", random.pick({"Source", "Build", "Deploy", "Test", "Invoke", "Approval", "Compute"})},
            {"owner", random.pick({"AWS", "ThirdParty", "Custom"})},
            {"provider", random.word(kNameChars, 1, 35)},
            {"version", random.word(kNameChars, 1, 9)}};
    }
    if (random.chance(80)) {
        Json configuration = Json::object();
        const int entries = random.below(13);
        for (int i = 0; i < entries; ++i) {
            std::string key = random.chance(70) ? random.word(kNameChars, 1, 20) : random.text(20);
            if (key.empty())
                key = "K";
            configuration[key] = random.value();
        }
        data["actionConfiguration"] = random.chance(90) ? Json{{"configuration", configuration}} : Json::object();
    }
    if (random.chance(70)) {
        Json context = Json::object();
        if (random.chance(90))
            context["pipelineName"] = random.word(kNameChars, 1, 40);
        if (random.chance(80))
            context["stage"] = {{"name", random.word(kNameChars, 1, 30)}};
        if (random.chance(80)) {
            Json action = Json::object();
            action["name"] = random.word(kNameChars, 1, 30);
            if (random.chance(70))
                action["actionExecutionId"] = uuid(random);
            context["action"] = action;
        }
        if (random.chance(70))
            context["pipelineArn"] = "arn:aws:codepipeline:us-east-1:123456789012:" + random.word(kNameChars, 1, 40);
        if (random.chance(70))
            context["pipelineExecutionId"] = uuid(random);
        data["pipelineContext"] = context;
    }
    if (random.chance(70))
        data["inputArtifacts"] = randomArtifacts(random);
    if (random.chance(70))
        data["outputArtifacts"] = randomArtifacts(random);
    if (random.chance(60)) {
        data["artifactCredentials"] = {
            {"accessKeyId", "ASIA" + random.word("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 16)},
            {"secretAccessKey", random.word(kNameChars + "/+", 40, 40)},
            {"sessionToken", random.word(kNameChars + "/+=", 20, 400)}};
    }
    if (random.chance(50))
        data["continuationToken"] = random.value();
    if (random.chance(40))
        data["encryptionKey"] = {{"id", "arn:aws:kms:us-east-1:123456789012:key/" + uuid(random)}, {"type", "KMS"}};

    Json details = Json::object();
    if (random.chance(95))
        details["id"] = uuid(random);
    if (random.chance(90))
        details["data"] = data;
    if (random.chance(80))
        details["nonce"] = std::to_string(random.below(1000));
    Json response = Json::object();
    if (random.chance(98))
        response["jobDetails"] = details;
    return response;
}

QString visible(const QByteArray &line)
{
    QString out;
    for (char c : line) {
        switch (c) {
        case '\t': out += QStringLiteral("\\t"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\x1b': out += QStringLiteral("\\e"); break;
        default: out += QString::fromUtf8(&c, 1);
        }
    }
    return out;
}

}  // namespace

std::vector<SampleResponse> randomJobDetailsResponses(int count, std::uint32_t seed)
{
    Random random(seed);
    std::vector<SampleResponse> samples;
    for (int i = 0; i < count; ++i) {
        samples.push_back({QStringLiteral("random %1 (seed %2)").arg(i).arg(seed),
                           QStringLiteral("GetThirdPartyJobDetails"), randomJobDetails(random)});
    }
    return samples;
}

bool awsCliReference(const std::vector<ReferenceCase> &cases, QList<QByteArray> *outputs, QString *error,
                     QStringList *failures)
{
    Json request = Json::object();
    request["cases"] = Json::array();
    for (const ReferenceCase &c : cases) {
        request["cases"].push_back({{"format", c.format.toStdString()},
                                    {"response", *c.response},
                                    {"title", c.title.toStdString()},
                                    {"width", c.width},
                                    {"color", c.color},
                                    {"query", c.query}});
    }
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        *error = QStringLiteral("python3 is not on PATH");
        return false;
    }
    const ProcessOutput result = runProcess(python, {supportDir() + QStringLiteral("/awscli_format.py")},
                                            QByteArray::fromStdString(request.dump()));
    if (!result.started || result.crashed || result.exitCode != 0) {
        *error = QStringLiteral("awscli_format.py failed (exit %1): %2")
                     .arg(result.exitCode)
                     .arg(QString::fromUtf8(result.err));
        return false;
    }
    const Json answer = Json::parse(result.out.toStdString(), nullptr, false);
    if (!answer.is_array() || answer.size() != cases.size()) {
        *error = QStringLiteral("awscli_format.py gave an unexpected answer: %1")
                     .arg(QString::fromUtf8(result.out.left(300)));
        return false;
    }
    outputs->clear();
    if (failures)
        failures->clear();
    for (const Json &encoded : answer) {
        const bool failed = encoded.is_object();
        const std::string printed = failed ? encoded.value("out", std::string()) : encoded.get<std::string>();
        outputs->append(QByteArray::fromBase64(QByteArray::fromStdString(printed)));
        if (failures)
            failures->append(failed ? QString::fromStdString(encoded.value("error", std::string())) : QString());
        else if (failed)
            outputs->last() +=
                "\nformatter raised: " + QByteArray::fromStdString(encoded.value("error", std::string()));
    }
    return true;
}

QString describeMismatch(const QByteArray &expected, const QByteArray &actual)
{
    const QList<QByteArray> want = expected.split('\n');
    const QList<QByteArray> got = actual.split('\n');
    qsizetype line = 0;
    while (line < want.size() && line < got.size() && want[line] == got[line])
        ++line;
    const QByteArray wantLine = line < want.size() ? want[line] : QByteArray("<end of output>");
    const QByteArray gotLine = line < got.size() ? got[line] : QByteArray("<end of output>");
    qsizetype column = 0;
    while (column < wantLine.size() && column < gotLine.size() && wantLine[column] == gotLine[column])
        ++column;
    // Test messages are cut short, so show a window around the first difference.
    const qsizetype from = std::max<qsizetype>(0, column - 40);
    QString report =
        QStringLiteral("differs from the AWS CLI at line %1, byte %2 of the line (expected %3 bytes in all, got %4)\n")
            .arg(line + 1)
            .arg(column + 1)
            .arg(expected.size())
            .arg(actual.size());
    if (line > 0)
        report += QStringLiteral("  ") + visible(want[line - 1].mid(from, 100)) + QLatin1Char('\n');
    report += QStringLiteral("- ") + visible(wantLine.mid(from, 100)) + QLatin1Char('\n');
    report += QStringLiteral("+ ") + visible(gotLine.mid(from, 100)) + QLatin1Char('\n');
    return report;
}

}  // namespace jobdesk::test
