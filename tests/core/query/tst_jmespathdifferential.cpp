// The JMESPath engine against python's jmespath, which the AWS CLI's --query
// runs on: jmespath_cases.py writes thousands of random expressions over random
// documents and the fake's job details with python's answers, and every one
// must come out of Expression the same, value for value (integers and floats
// apart, object members in the same order), or fail with the same error kind.
//
// Every mismatch is collected before the test fails, so that one run lists
// them all; set JOBDESK_JMESPATH_MISMATCHES to a file name to get the whole
// list there as JSON lines. JOBDESK_JMESPATH_SEED and JOBDESK_JMESPATH_COUNT
// explore other cases by hand; the test as CTest runs it always uses its own.

#include "support/testenv.h"

#include "core/query/expression.h"

#include <QFile>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <string>
#include <vector>

using jobdesk::query::Expression;
using jobdesk::query::QueryError;
using Json = nlohmann::ordered_json;

namespace {

// The seed and size of the run: fixed, so a failure comes back the same on every machine.
constexpr int kSeed = 20261203;
constexpr int kCount = 6000;

// nlohmann's == calls 1 and 1.0 equal and ignores member order; python does
// neither, and so neither does the AWS CLI's output.
bool sameJson(const Json &a, const Json &b)
{
    if (a.is_number_integer() && b.is_number_integer()) {
        if (a.is_number_unsigned() == b.is_number_unsigned())
            return a == b;
        const Json &maybeNegative = a.is_number_unsigned() ? b : a;
        return maybeNegative.get<std::int64_t>() >= 0 && a.get<std::uint64_t>() == b.get<std::uint64_t>();
    }
    if (a.type() != b.type())
        return false;
    if (a.is_number_float()) {
        const double x = a.get<double>();
        const double y = b.get<double>();
        return x == y && std::signbit(x) == std::signbit(y);
    }
    if (a.is_array() || a.is_object()) {
        if (a.size() != b.size())
            return false;
        for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
            if (a.is_object() && i.key() != j.key())
                return false;
            if (!sameJson(i.value(), j.value()))
                return false;
        }
        return true;
    }
    return a == b;
}

std::string show(const Json &value, size_t limit = 400)
{
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (text.size() > limit)
        text = text.substr(0, limit) + "...";
    return text;
}

std::string showError(const QueryError &error)
{
    return std::string("error ") + QueryError::kindName(error.kind) + " (" + error.message.toStdString() + ")";
}

struct Mismatch
{
    std::string expression;
    Json document;
    std::string expected;
    std::string got;
};

// What our engine answers, in the words a failure message uses: the value's
// JSON, or "error KIND (message)"; the kind alone goes to *kind.
Json evaluate(const std::string &expression, const Json &document, std::string *got, std::string *kind)
{
    try {
        const auto compiled = Expression::compile(std::string_view(expression));
        if (!compiled) {
            *kind = QueryError::kindName(compiled.error().kind);
            *got = showError(compiled.error());
            return nullptr;
        }
        const auto found = compiled.value().search(document);
        if (!found) {
            *kind = QueryError::kindName(found.error().kind);
            *got = showError(found.error());
            return nullptr;
        }
        *got = show(found.value(), 2000);
        return found.value();
    } catch (const std::exception &e) {
        *kind = "exception";
        *got = std::string("threw ") + e.what();
        return nullptr;
    }
}

}  // namespace

class TestJmespathDifferential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesPython();
};

void TestJmespathDifferential::matchesPython()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY2(!python.isEmpty(), "python3 is not on PATH (packaging/linux/install-deps.sh installs it)");
    const int seed = qEnvironmentVariableIsSet("JOBDESK_JMESPATH_SEED")
        ? qEnvironmentVariableIntValue("JOBDESK_JMESPATH_SEED")
        : kSeed;
    const int count = std::max(kCount, qEnvironmentVariableIntValue("JOBDESK_JMESPATH_COUNT"));
    const jobdesk::test::ProcessOutput cases = jobdesk::test::runProcess(
        python,
        {QStringLiteral(JOBDESK_JMESPATH_CASES), QStringLiteral("--seed"), QString::number(seed),
         QStringLiteral("--count"), QString::number(count), QStringLiteral("--jobs"),
         jobdesk::test::dataDir() + QStringLiteral("/fake/jobs.json")});
    QVERIFY2(cases.started && cases.exitCode == 0,
             qPrintable(QStringLiteral("jmespath_cases.py failed (python3's jmespath missing? "
                                       "packaging/linux/install-deps.sh installs it):\n")
                        + QString::fromUtf8(cases.err)));
    qInfo().noquote() << QString::fromUtf8(cases.err).trimmed();

    std::map<long long, Json> documents;
    std::vector<Mismatch> mismatches;
    int compared = 0;
    for (const QByteArray &line : cases.out.split('\n')) {
        if (line.isEmpty())
            continue;
        const Json entry = Json::parse(line.constData(), line.constData() + line.size());
        if (entry.contains("value")) {
            documents[entry.at("document").get<long long>()] = entry.at("value");
            continue;
        }
        const std::string expression = entry.at("expression").get<std::string>();
        const Json &document = documents.at(entry.at("document").get<long long>());
        std::string got;
        std::string kind;
        const Json answer = evaluate(expression, document, &got, &kind);
        ++compared;
        if (entry.contains("error")) {
            const std::string expected = entry.at("error").get<std::string>();
            if (kind != expected)
                mismatches.push_back({expression, document, "error " + expected, got});
        } else if (!kind.empty() || !sameJson(answer, entry.at("result"))) {
            mismatches.push_back({expression, document, show(entry.at("result"), 2000), got});
        }
    }
    qInfo("compared %d expressions with python's jmespath: %zu differ", compared, mismatches.size());
    QVERIFY2(compared >= 5000, "jmespath_cases.py wrote fewer cases than asked for");

    if (const QByteArray path = qgetenv("JOBDESK_JMESPATH_MISMATCHES"); !path.isEmpty()) {
        QFile file(QString::fromLocal8Bit(path));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        for (const Mismatch &m : mismatches) {
            const Json row = {
                {"expression", m.expression}, {"document", m.document}, {"expected", m.expected}, {"got", m.got}};
            const std::string text = row.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
            file.write(text.data(), qint64(text.size()));
        }
    }

    std::string report;
    for (size_t i = 0; i < mismatches.size() && i < 8; ++i) {
        const Mismatch &m = mismatches[i];
        report += "\n  expression: " + m.expression + "\n  document:   " + show(m.document)
            + "\n  python:     " + m.expected + "\n  ours:       " + m.got + "\n";
    }
    if (!mismatches.empty())
        report = std::to_string(mismatches.size()) + " of " + std::to_string(compared)
            + " expressions differ from python's jmespath; the first:" + report;
    QVERIFY2(mismatches.empty(), report.c_str());
}

QTEST_GUILESS_MAIN(TestJmespathDifferential)
#include "tst_jmespathdifferential.moc"
