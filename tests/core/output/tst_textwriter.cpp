#include "support/outputsamples.h"

#include "core/output/textwriter.h"

#include <QTest>

using jobdesk::output::writeText;
using Json = nlohmann::ordered_json;

class TestTextWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesAwsCli_data();
    void matchesAwsCli();
    void knownOutput_data();
    void knownOutput();
    void valueText_data();
    void valueText();

private:
    std::vector<jobdesk::test::SampleResponse> m_samples;
    QList<QByteArray> m_expected;
    QStringList m_failures;  // what the AWS CLI's formatter raised, per sample
};

void TestTextWriter::initTestCase()
{
    m_samples = jobdesk::test::fixedResponses();
    for (auto &sample : jobdesk::test::randomJobDetailsResponses(400, 20240611u))
        m_samples.push_back(std::move(sample));
    for (auto &sample : jobdesk::test::queryResults())
        m_samples.push_back(std::move(sample));
    std::vector<jobdesk::test::ReferenceCase> cases;
    for (const auto &sample : m_samples)
        cases.push_back({QStringLiteral("text"), &sample.response, sample.title, 80, false, sample.query});
    QString error;
    QVERIFY2(jobdesk::test::awsCliReference(cases, &m_expected, &error, &m_failures), qPrintable(error));
    // Lists that hold an object and something else make the AWS CLI fail: they must be among the cases.
    QVERIFY(m_failures.count(QString()) < m_failures.size() - 5);
}

void TestTextWriter::matchesAwsCli_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < m_samples.size(); ++i)
        QTest::newRow(qPrintable(m_samples[i].name)) << static_cast<int>(i);
}

void TestTextWriter::matchesAwsCli()
{
    QFETCH(int, index);
    const auto &sample = m_samples[static_cast<size_t>(index)];
    const QByteArray expected = m_expected[index];
    std::string failedType;
    const QByteArray actual = writeText(sample.response, &failedType);
    // Where the AWS CLI fails part way, what it printed before must match too.
    QVERIFY2(actual == expected, qPrintable(jobdesk::test::describeMismatch(expected, actual)));
    const QString failure = m_failures[index];
    QCOMPARE(failedType.empty(), failure.isEmpty());
    if (!failure.isEmpty())
        QCOMPARE(QStringLiteral("'%1' object has no attribute 'items'").arg(QString::fromStdString(failedType)),
                 failure);
}

// Pinned by hand from the AWS CLI, so a broken reference cannot hide a regression.
void TestTextWriter::knownOutput_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray("{}") << QByteArray();
    QTest::newRow("acknowledge") << QByteArray(R"({"status": "InProgress"})") << QByteArray("InProgress\n");
    QTest::newRow("poll none") << QByteArray(R"({"jobs": []})") << QByteArray();
    QTest::newRow("poll two, union of columns")
        << QByteArray(R"({"jobs": [{"clientId": "c1", "jobId": "j1"}, {"jobId": "j2"}]})")
        << QByteArray("JOBS\tc1\tj1\nJOBS\t\tj2\n");
    QTest::newRow("sorted scalars, then nested")
        << QByteArray(R"({"jobDetails": {"nonce": "3", "id": "j", "data": {"continuationToken": "t",
                         "actionTypeId": {"version": "1", "category": "Build"}}}})")
        << QByteArray("JOBDETAILS\tj\t3\nDATA\tt\nACTIONTYPEID\tBuild\t1\n");
    QTest::newRow("scalar list") << QByteArray(R"({"tags": ["a", "b"]})") << QByteArray("TAGS\ta\nTAGS\tb\n");
    QTest::newRow("python values") << QByteArray(R"({"a": true, "b": null, "c": 1.0, "d": 1e16})")
                                   << QByteArray("True\tNone\t1.0\t1e+16\n");
    // --query results: a bare value prints as Python's str() of it; a list of scalars on one line.
    QTest::newRow("query null") << QByteArray("null") << QByteArray("None\n");
    QTest::newRow("query string") << QByteArray(R"("tok")") << QByteArray("tok\n");
    QTest::newRow("query list") << QByteArray(R"(["a", 1, false])") << QByteArray("a\t1\tFalse\n");
    QTest::newRow("query list of lists") << QByteArray(R"([["a", "b"], ["c"]])") << QByteArray("a\tb\nc\n");
    QTest::newRow("query empty list") << QByteArray("[]") << QByteArray();
}

void TestTextWriter::knownOutput()
{
    QFETCH(QByteArray, response);
    QFETCH(QByteArray, expected);
    const QByteArray actual = writeText(Json::parse(response.toStdString()));
    QVERIFY2(actual == expected, qPrintable(jobdesk::test::describeMismatch(expected, actual)));
}

void TestTextWriter::valueText_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("string") << QByteArray(R"("héllo")") << QByteArray("héllo");
    QTest::newRow("false") << QByteArray("false") << QByteArray("False");
    QTest::newRow("int") << QByteArray("-12") << QByteArray("-12");
    QTest::newRow("fixed") << QByteArray("1e15") << QByteArray("1000000000000000.0");
    QTest::newRow("exponent") << QByteArray("1.5e-5") << QByteArray("1.5e-05");
    QTest::newRow("fraction") << QByteArray("0.001") << QByteArray("0.001");
    QTest::newRow("list") << QByteArray(R"([1, "a'b", null])") << QByteArray(R"([1, "a'b", None])");
    QTest::newRow("dict") << QByteArray(R"({"k": "v\n"})") << QByteArray(R"({'k': 'v\n'})");
}

void TestTextWriter::valueText()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);
    QCOMPARE(QByteArray::fromStdString(jobdesk::output::awsCliValueText(Json::parse(json.toStdString()))), expected);
}

QTEST_GUILESS_MAIN(TestTextWriter)
#include "tst_textwriter.moc"
