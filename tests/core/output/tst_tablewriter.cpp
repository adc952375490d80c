#include "support/outputsamples.h"

#include "cli/operationcommand.h"
#include "core/output/tablewriter.h"

#include <QTest>

using jobdesk::output::TableOptions;
using jobdesk::output::writeTable;
using Json = nlohmann::ordered_json;

class TestTableWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesAwsCli_data();
    void matchesAwsCli();
    void knownOutput();
    void defaults();

private:
    struct Case
    {
        QString name;
        size_t sample = 0;
        int width = 80;
        bool color = false;
    };
    std::vector<jobdesk::test::SampleResponse> m_samples;
    std::vector<Case> m_cases;
    QList<QByteArray> m_expected;
    QStringList m_failures;  // what the AWS CLI's formatter raised, per case
};

void TestTableWriter::initTestCase()
{
    m_samples = jobdesk::test::fixedResponses();
    const size_t fixedCount = m_samples.size();
    for (auto &sample : jobdesk::test::randomJobDetailsResponses(400, 20240612u))
        m_samples.push_back(std::move(sample));

    for (size_t i = 0; i < fixedCount; ++i) {
        for (int width : {80, 200}) {
            for (bool color : {false, true}) {
                m_cases.push_back({QStringLiteral("%1 / width %2 / colour %3")
                                       .arg(m_samples[i].name)
                                       .arg(width)
                                       .arg(color ? QStringLiteral("on") : QStringLiteral("off")),
                                   i, width, color});
            }
        }
    }
    // --query results, which can be any value, and some of which the AWS CLI cannot draw.
    const size_t queryFrom = m_samples.size();
    for (auto &sample : jobdesk::test::queryResults())
        m_samples.push_back(std::move(sample));
    for (size_t i = queryFrom; i < m_samples.size(); ++i) {
        for (int width : {80, 30}) {
            m_cases.push_back(
                {QStringLiteral("query: %1 / width %2").arg(m_samples[i].name).arg(width), i, width, i % 3 == 0});
        }
    }
    // Narrow and odd widths too, so rounding in the column shares is exercised.
    const int widths[] = {80, 200, 80, 200, 40, 57, 123};
    for (size_t i = fixedCount; i < queryFrom; ++i) {
        const int width = widths[i % std::size(widths)];
        const bool color = i % 5 == 0;
        m_cases.push_back({QStringLiteral("%1 / width %2 / colour %3")
                               .arg(m_samples[i].name)
                               .arg(width)
                               .arg(color ? QStringLiteral("on") : QStringLiteral("off")),
                           i, width, color});
    }

    std::vector<jobdesk::test::ReferenceCase> cases;
    for (const Case &c : m_cases) {
        const auto &sample = m_samples[c.sample];
        cases.push_back({QStringLiteral("table"), &sample.response, sample.title, c.width, c.color, sample.query});
    }
    QString error;
    QVERIFY2(jobdesk::test::awsCliReference(cases, &m_expected, &error, &m_failures), qPrintable(error));
    // The shapes the AWS CLI fails on must be among the cases, or the failure path goes untested.
    QVERIFY(m_failures.count(QString()) < m_failures.size() - 10);
}

void TestTableWriter::matchesAwsCli_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < m_cases.size(); ++i)
        QTest::newRow(qPrintable(m_cases[i].name)) << static_cast<int>(i);
}

void TestTableWriter::matchesAwsCli()
{
    QFETCH(int, index);
    const Case &c = m_cases[static_cast<size_t>(index)];
    const auto &sample = m_samples[c.sample];
    TableOptions options;
    options.title = sample.title;
    options.terminalWidth = c.width;
    options.color = c.color;
    const auto actual = writeTable(sample.response, options);
    const QString &failure = m_failures[index];
    if (!failure.isEmpty()) {
        // jobdesk-cli prints what Python's exception says, as the AWS CLI does.
        QVERIFY2(!actual.ok(), qPrintable(QStringLiteral("the AWS CLI fails with: ") + failure));
        QCOMPARE(jobdesk::cli::OperationCommand::tableFailureText(actual.error()), failure);
        return;
    }
    QVERIFY2(actual.ok(),
             qPrintable(jobdesk::cli::OperationCommand::tableFailureText(actual.ok() ? jobdesk::output::TableFailure()
                                                                                     : actual.error())));
    const QByteArray expected = m_expected[index];
    QVERIFY2(actual.value() == expected, qPrintable(jobdesk::test::describeMismatch(expected, actual.value())));
}

// Pinned by hand from the AWS CLI, so a broken reference cannot hide a regression.
void TestTableWriter::knownOutput()
{
    TableOptions options;
    options.title = QStringLiteral("AcknowledgeThirdPartyJob");
    // The title is wider than the row, so it sets the width and touches both borders.
    const QByteArray expected = "--------------------------\n"
                                "|AcknowledgeThirdPartyJob|\n"
                                "+---------+--------------+\n"
                                "|  status |  InProgress  |\n"
                                "+---------+--------------+\n";
    const QByteArray actual = writeTable(Json::parse(R"({"status": "InProgress"})"), options).value();
    QVERIFY2(actual == expected, qPrintable(jobdesk::test::describeMismatch(expected, actual)));
    QVERIFY(writeTable(Json::object(), options).value().isEmpty());
    // A bare --query result is drawn under the title alone.
    const QByteArray bare = "--------------------------\n"
                            "|AcknowledgeThirdPartyJob|\n"
                            "+------------------------+\n";
    QCOMPARE(writeTable(Json("InProgress"), options).value(), bare);
    const auto ragged = writeTable(Json::parse(R"([["a"], ["b", "c"]])"), options);
    QVERIFY(!ragged.ok());
    QCOMPARE(ragged.error().kind, jobdesk::output::TableFailure::Kind::RowLength);
    QCOMPARE(ragged.error().expected, 1);
    QCOMPARE(ragged.error().actual, 2);
}

void TestTableWriter::defaults()
{
    // What the AWS CLI assumes when stdout is not a terminal.
    const TableOptions options;
    QCOMPARE(options.terminalWidth, 80);
    QCOMPARE(options.color, false);
}

QTEST_GUILESS_MAIN(TestTableWriter)
#include "tst_tablewriter.moc"
