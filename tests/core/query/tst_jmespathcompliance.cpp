#include "core/query/expression.h"

#include <QDir>
#include <QFile>
#include <QTest>

using jobdesk::query::Expression;
using jobdesk::query::QueryError;
using Json = nlohmann::ordered_json;

// Every case of the official JMESPath compliance suite, one data row each.
class TestJmespathCompliance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compliance_data();
    void compliance();
};

namespace {

// The suite compares results as JSON values: numbers by value (1 equals 1.0),
// object members in any order, and nothing else equal across types.
bool sameValue(const Json &left, const Json &right)
{
    if (left.is_number() && right.is_number()) {
        if (left.is_number_float() || right.is_number_float())
            return left.get<double>() == right.get<double>();
        return left == right;
    }
    if (left.type() != right.type())
        return false;
    if (left.is_array()) {
        if (left.size() != right.size())
            return false;
        for (std::size_t i = 0; i < left.size(); ++i) {
            if (!sameValue(left[i], right[i]))
                return false;
        }
        return true;
    }
    if (left.is_object()) {
        if (left.size() != right.size())
            return false;
        for (auto it = left.begin(); it != left.end(); ++it) {
            const auto other = right.find(it.key());
            if (other == right.end() || !sameValue(it.value(), *other))
                return false;
        }
        return true;
    }
    return left == right;
}

}  // namespace

void TestJmespathCompliance::compliance_data()
{
    QTest::addColumn<QByteArray>("given");
    QTest::addColumn<QByteArray>("expression");
    QTest::addColumn<QByteArray>("result");  // JSON, or empty for an error or a benchmark
    QTest::addColumn<QString>("error");      // the error kind, or empty

    const QDir dir(QStringLiteral(JOBDESK_TEST_DATA_DIR "/jmespath-compliance"));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 16);
    int total = 0;
    for (const QString &fileName : files) {
        QFile file(dir.filePath(fileName));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        const Json suites = Json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
        QVERIFY2(suites.is_array(), qPrintable(fileName));
        for (std::size_t group = 0; group < suites.size(); ++group) {
            const Json &suite = suites[group];
            const QByteArray given = QByteArray::fromStdString(suite.at("given").dump());
            const Json &cases = suite.at("cases");
            for (std::size_t index = 0; index < cases.size(); ++index) {
                const Json &testCase = cases[index];
                QByteArray result;
                QString error;
                if (testCase.contains("result"))
                    result = QByteArray::fromStdString(testCase.at("result").dump());
                else if (testCase.contains("error"))
                    error = QString::fromStdString(testCase.at("error").get<std::string>());
                else
                    QVERIFY2(testCase.contains("bench"), qPrintable(fileName));
                const QString name = QStringLiteral("%1/%2/%3").arg(fileName).arg(group).arg(index);
                QTest::newRow(qPrintable(name))
                    << given << QByteArray::fromStdString(testCase.at("expression").get<std::string>()) << result
                    << error;
                ++total;
            }
        }
    }
    // The suite's README counts 908 cases.
    QCOMPARE(total, 908);
}

void TestJmespathCompliance::compliance()
{
    QFETCH(QByteArray, given);
    QFETCH(QByteArray, expression);
    QFETCH(QByteArray, result);
    QFETCH(QString, error);

    const Json document = Json::parse(given.toStdString());
    const auto compiled = Expression::compile(std::string_view(expression.constData(), expression.size()));
    if (!compiled.ok()) {
        const QueryError &failure = compiled.error();
        QVERIFY2(!error.isEmpty(), qPrintable(QStringLiteral("compile failed: %1").arg(failure.message)));
        QCOMPARE(QString::fromLatin1(QueryError::kindName(failure.kind)), error);
        return;
    }
    const auto found = compiled.value().search(document);
    if (!found.ok()) {
        const QueryError &failure = found.error();
        QVERIFY2(!error.isEmpty(), qPrintable(QStringLiteral("search failed: %1").arg(failure.message)));
        QCOMPARE(QString::fromLatin1(QueryError::kindName(failure.kind)), error);
        return;
    }
    QVERIFY2(
        error.isEmpty(),
        qPrintable(
            QStringLiteral("expected a %1 error, got %2").arg(error, QString::fromStdString(found.value().dump()))));
    // A benchmark has no expected result: it must only evaluate without error.
    if (result.isEmpty())
        return;
    const Json expected = Json::parse(result.toStdString());
    QVERIFY2(sameValue(found.value(), expected),
             qPrintable(QStringLiteral("got %1, expected %2")
                            .arg(QString::fromStdString(found.value().dump()), QString::fromLatin1(result))));
}

QTEST_GUILESS_MAIN(TestJmespathCompliance)
#include "tst_jmespathcompliance.moc"
