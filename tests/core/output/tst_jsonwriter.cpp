// --output json against the AWS CLI's own JSON formatter: the fixed responses,
// random job details, and every shape of --query result, byte for byte.

#include "support/outputsamples.h"

#include "core/output/jsonwriter.h"

#include <QTest>

using jobdesk::output::writeJson;
using Json = nlohmann::ordered_json;

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesAwsCli_data();
    void matchesAwsCli();
    void knownOutput_data();
    void knownOutput();

private:
    std::vector<jobdesk::test::SampleResponse> m_samples;
    QList<QByteArray> m_expected;
};

void TestJsonWriter::initTestCase()
{
    m_samples = jobdesk::test::fixedResponses();
    for (auto &sample : jobdesk::test::randomJobDetailsResponses(100, 20261203u))
        m_samples.push_back(std::move(sample));
    for (auto &sample : jobdesk::test::queryResults())
        m_samples.push_back(std::move(sample));
    std::vector<jobdesk::test::ReferenceCase> cases;
    for (const auto &sample : m_samples)
        cases.push_back({QStringLiteral("json"), &sample.response, sample.title, 80, false, sample.query});
    QString error;
    QVERIFY2(jobdesk::test::awsCliReference(cases, &m_expected, &error), qPrintable(error));
}

void TestJsonWriter::matchesAwsCli_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < m_samples.size(); ++i)
        QTest::newRow(qPrintable(m_samples[i].name)) << static_cast<int>(i);
}

void TestJsonWriter::matchesAwsCli()
{
    QFETCH(int, index);
    const auto &sample = m_samples[static_cast<size_t>(index)];
    const QByteArray expected = m_expected[index];
    const QByteArray actual = writeJson(sample.response);
    QVERIFY2(actual == expected, qPrintable(jobdesk::test::describeMismatch(expected, actual)));
}

// Pinned by hand from the AWS CLI, so a broken reference cannot hide a regression.
void TestJsonWriter::knownOutput_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty answer") << QByteArray("{}") << QByteArray();
    QTest::newRow("null") << QByteArray("null") << QByteArray("null\n");
    QTest::newRow("empty list") << QByteArray("[]") << QByteArray("[]\n");
    QTest::newRow("false") << QByteArray("false") << QByteArray("false\n");
    QTest::newRow("16-digit float") << QByteArray("1e15") << QByteArray("1000000000000000.0\n");
    QTest::newRow("list") << QByteArray(R"([1.0, "é", {}])") << QByteArray("[\n    1.0,\n    \"é\",\n    {}\n]\n");
}

void TestJsonWriter::knownOutput()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    const QByteArray actual = writeJson(Json::parse(value.toStdString()));
    QVERIFY2(actual == expected, qPrintable(jobdesk::test::describeMismatch(expected, actual)));
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
