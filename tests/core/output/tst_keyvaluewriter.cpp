#include "support/outputsamples.h"

#include "core/output/keyvaluewriter.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <variant>

using jobdesk::output::writeKeyValue;
using Json = nlohmann::ordered_json;

namespace {

using Segment = std::variant<std::string, size_t>;

// Reads a path back as the header of keyvaluewriter.h describes it.
std::optional<std::vector<Segment>> parsePath(const std::string &path)
{
    std::vector<Segment> segments;
    size_t i = 0;
    bool expectName = true;  // at the start or after a '.'
    while (i < path.size()) {
        if (path[i] == '[') {
            if (i + 1 < path.size() && path[i + 1] == '"') {
                size_t end = i + 2;
                while (end < path.size() && path[end] != '"')
                    end += path[end] == '\\' ? 2 : 1;
                if (end + 1 >= path.size() || path[end + 1] != ']')
                    return std::nullopt;
                const Json name = Json::parse(path.substr(i + 1, end - i), nullptr, false);
                if (!name.is_string())
                    return std::nullopt;
                segments.emplace_back(name.get<std::string>());
                i = end + 2;
            } else {
                const size_t end = path.find(']', i);
                if (end == std::string::npos || end == i + 1)
                    return std::nullopt;
                segments.emplace_back(static_cast<size_t>(std::stoul(path.substr(i + 1, end - i - 1))));
                i = end + 1;
            }
            expectName = false;
            continue;
        }
        if (path[i] == '.') {
            if (expectName)
                return std::nullopt;
            ++i;
            expectName = true;
            continue;
        }
        if (!expectName)
            return std::nullopt;
        const size_t end = path.find_first_of(".[", i);
        segments.emplace_back(path.substr(i, end == std::string::npos ? std::string::npos : end - i));
        i = end == std::string::npos ? path.size() : end;
        expectName = false;
    }
    return segments;
}

std::optional<std::string> unescapeValue(const std::string &text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out += text[i];
            continue;
        }
        if (++i >= text.size())
            return std::nullopt;
        switch (text[i]) {
        case '\\': out += '\\'; break;
        case 't': out += '\t'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 'u':
            if (i + 4 >= text.size())
                return std::nullopt;
            out += static_cast<char>(std::stoi(text.substr(i + 1, 4), nullptr, 16));
            i += 4;
            break;
        default: return std::nullopt;
        }
    }
    return out;
}

const Json *resolve(const Json &root, const std::vector<Segment> &segments)
{
    const Json *node = &root;
    for (const Segment &segment : segments) {
        if (const auto *name = std::get_if<std::string>(&segment)) {
            if (!node->is_object() || !node->contains(*name))
                return nullptr;
            node = &node->at(*name);
        } else {
            const size_t index = std::get<size_t>(segment);
            if (!node->is_array() || index >= node->size())
                return nullptr;
            node = &node->at(index);
        }
    }
    return node;
}

bool isLeaf(const Json &value)
{
    return !(value.is_object() || value.is_array()) || value.empty();
}

int countLeaves(const Json &value)
{
    if (isLeaf(value))
        return 1;
    int count = 0;
    for (const Json &child : value)
        count += countLeaves(child);
    return count;
}

}  // namespace

class TestKeyValueWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyLeafOnce_data();
    void everyLeafOnce();
    void knownOutput_data();
    void knownOutput();
    void notFinite();

private:
    std::vector<jobdesk::test::SampleResponse> m_samples;
};

void TestKeyValueWriter::initTestCase()
{
    m_samples = jobdesk::test::fixedResponses();
    for (auto &sample : jobdesk::test::randomJobDetailsResponses(400, 20240613u))
        m_samples.push_back(std::move(sample));
}

void TestKeyValueWriter::everyLeafOnce_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < m_samples.size(); ++i)
        QTest::newRow(qPrintable(m_samples[i].name)) << static_cast<int>(i);
}

// Reads the output back: every line must name a distinct leaf of the response
// and carry its value, and there must be as many lines as leaves.
void TestKeyValueWriter::everyLeafOnce()
{
    QFETCH(int, index);
    const Json &response = m_samples[static_cast<size_t>(index)].response;
    const QByteArray output = writeKeyValue(response);

    if (response.empty()) {
        QVERIFY(output.isEmpty());
        return;
    }
    QVERIFY(output.endsWith('\n'));
    std::map<std::string, int> seen;
    const QList<QByteArray> lines = output.chopped(1).split('\n');
    for (const QByteArray &rawLine : lines) {
        const std::string line = rawLine.toStdString();
        const size_t tab = line.find('\t');
        QVERIFY2(tab != std::string::npos, rawLine.constData());
        const std::string path = line.substr(0, tab);
        const std::string value = line.substr(tab + 1);
        QVERIFY2(value.find('\t') == std::string::npos, "a tab inside a value was not escaped");
        QVERIFY2(value.find('\r') == std::string::npos, "a carriage return inside a value was not escaped");
        QVERIFY2(++seen[path] == 1, qPrintable(QStringLiteral("path twice: ") + QString::fromStdString(path)));

        const auto segments = parsePath(path);
        QVERIFY2(segments, qPrintable(QStringLiteral("unreadable path: ") + QString::fromStdString(path)));
        const Json *leaf = resolve(response, *segments);
        QVERIFY2(leaf, qPrintable(QStringLiteral("path not in the response: ") + QString::fromStdString(path)));
        QVERIFY2(isLeaf(*leaf), qPrintable(QStringLiteral("not a leaf: ") + QString::fromStdString(path)));
        if (leaf->is_string()) {
            const auto text = unescapeValue(value);
            QVERIFY2(text, qPrintable(QStringLiteral("bad escape in: ") + QString::fromStdString(value)));
            QCOMPARE(QString::fromStdString(*text), QString::fromStdString(leaf->get<std::string>()));
        } else {
            QCOMPARE(QString::fromStdString(value), QString::fromStdString(leaf->dump()));
        }
    }
    QCOMPARE(static_cast<int>(seen.size()), countLeaves(response));

    // And spelled out for the part people grep for most.
    const Json configuration =
        response.value(Json::json_pointer("/jobDetails/data/actionConfiguration/configuration"), Json());
    if (configuration.is_object()) {
        for (const auto &[key, member] : configuration.items()) {
            int matches = 0;
            for (const auto &[path, count] : seen) {
                const auto segments = parsePath(path);
                if (!segments || segments->size() != 5)
                    continue;
                const auto *last = std::get_if<std::string>(&segments->at(4));
                const auto *parent = std::get_if<std::string>(&segments->at(3));
                if (last && parent && *last == key && *parent == "configuration")
                    matches += count;
            }
            QVERIFY2(matches == 1,
                     qPrintable(QStringLiteral("configuration key %1 appears %2 times")
                                    .arg(QString::fromStdString(key))
                                    .arg(matches)));
        }
    }
}

void TestKeyValueWriter::knownOutput_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray("{}") << QByteArray();
    QTest::newRow("acknowledge") << QByteArray(R"({"status": "InProgress"})") << QByteArray("status\tInProgress\n");
    QTest::newRow("job, in response order") << QByteArray(
        R"({"jobDetails": {"id": "j", "data": {"actionConfiguration": {"configuration": {"MyKey": "value", "B": "2"}},
                         "inputArtifacts": [{"name": "src", "location": {"type": "S3"}}]}, "nonce": "3"}})")
                                            << QByteArray(
                                                   "jobDetails.id\tj\n"
                                                   "jobDetails.data.actionConfiguration.configuration.MyKey\tvalue\n"
                                                   "jobDetails.data.actionConfiguration.configuration.B\t2\n"
                                                   "jobDetails.data.inputArtifacts[0].name\tsrc\n"
                                                   "jobDetails.data.inputArtifacts[0].location.type\tS3\n"
                                                   "jobDetails.nonce\t3\n");
    QTest::newRow("escapes") << QByteArray(
        R"({"c": {"a.b": "x\ty", "": "line1\nline2\r", "sp ace": "back\\slash", "q\"": "bell\u0007", "ü": "ünï"}})")
                             << QByteArray("c[\"a.b\"]\tx\\ty\n"
                                           "c[\"\"]\tline1\\nline2\\r\n"
                                           "c[\"sp ace\"]\tback\\\\slash\n"
                                           "c[\"q\\\"\"]\tbell\\u0007\n"
                                           "c.ü\tünï\n");
    QTest::newRow("other values") << QByteArray(
        R"({"t": true, "n": null, "i": 5, "f": 0.5, "e": {}, "l": [], "s": ["a", 1]})")
                                  << QByteArray("t\ttrue\nn\tnull\ni\t5\nf\t0.5\ne\t{}\nl\t[]\ns[0]\ta\ns[1]\t1\n");
    // --query results: a bare value has no path.
    QTest::newRow("query string") << QByteArray(R"("tok\ten")") << QByteArray("tok\\ten\n");
    QTest::newRow("query null") << QByteArray("null") << QByteArray("null\n");
    QTest::newRow("query list") << QByteArray(R"(["a", [1, 2.5]])") << QByteArray("[0]\ta\n[1][0]\t1\n[1][1]\t2.5\n");
    QTest::newRow("query empty list") << QByteArray("[]") << QByteArray();
}

void TestKeyValueWriter::knownOutput()
{
    QFETCH(QByteArray, response);
    QFETCH(QByteArray, expected);
    const QByteArray actual = writeKeyValue(Json::parse(response.toStdString()));
    QVERIFY2(actual == expected, qPrintable(jobdesk::test::describeMismatch(expected, actual)));
}

// to_number('1e400') is Python's inf: written as --output json writes it, not as null.
void TestKeyValueWriter::notFinite()
{
    const double inf = std::numeric_limits<double>::infinity();
    QCOMPARE(writeKeyValue(Json(inf)), QByteArray("Infinity\n"));
    QCOMPARE(writeKeyValue(Json{{"a", -inf}, {"b", std::nan("")}}), QByteArray("a\t-Infinity\nb\tNaN\n"));
}

QTEST_GUILESS_MAIN(TestKeyValueWriter)
#include "tst_keyvaluewriter.moc"
