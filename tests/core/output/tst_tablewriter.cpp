#include "support/outputsamples.h"

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
    // Narrow and odd widths too, so rounding in the column shares is exercised.
    const int widths[] = {80, 200, 80, 200, 40, 57, 123};
    for (size_t i = fixedCount; i < m_samples.size(); ++i) {
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
        cases.push_back({QStringLiteral("table"), &sample.response, sample.title, c.width, c.color});
    }
    QString error;
    QVERIFY2(jobdesk::test::awsCliReference(cases, &m_expected, &error), qPrintable(error));
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
    const QByteArray expected = m_expected[index];
    const QByteArray actual = writeTable(sample.response, options);
    QVERIFY2(actual == expected, qPrintable(jobdesk::test::describeMismatch(expected, actual)));
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
    const QByteArray actual = writeTable(Json::parse(R"({"status": "InProgress"})"), options);
    QVERIFY2(actual == expected, qPrintable(jobdesk::test::describeMismatch(expected, actual)));
    QVERIFY(writeTable(Json::object(), options).isEmpty());
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
