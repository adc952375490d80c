// credential_process: real commands run without a shell, their JSON checked, and
// answers cached until shortly before they expire.

#include "core/profiles/processcredentials.h"
#include "support/asyncwait.h"
#include "support/testenv.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using jobdesk::Error;
using jobdesk::FixedClock;
using jobdesk::Result;
using jobdesk::aws::Credentials;
using jobdesk::profiles::ProcessCredentials;

class TestProcessCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void success();
    void quotingReachesTheProgram();
    void programFoundOnPath();
    void failures_data();
    void failures();
    void timeout();
    void cachedUntilNearExpiry();
    void withoutExpirationRunsOnce();
    void concurrentFetchesShareOneRun();
    void contextGoneMeansNoCallback();

private:
    QString command(const QString &mode, const QString &extra = QString()) const
    {
        QString line =
            QStringLiteral("/bin/sh ") + helper() + QLatin1Char(' ') + mode + QLatin1Char(' ') + counterPath();
        if (!extra.isEmpty())
            line += QLatin1Char(' ') + extra;
        return line;
    }
    static QString helper() { return jobdesk::test::dataDir() + QStringLiteral("/profiles/credential-helper.sh"); }
    QString counterPath() const { return m_dir->filePath(QStringLiteral("runs")); }
    int runs() const
    {
        QFile file(counterPath());
        return file.open(QIODevice::ReadOnly) ? int(file.readAll().count('\n')) : 0;
    }
    Result<Credentials> fetch(ProcessCredentials &process)
    {
        auto answer = jobdesk::test::waitFor<Result<Credentials>>(
            [&](std::function<void(Result<Credentials>)> done) { process.fetch(this, std::move(done)); });
        if (!answer)
            return Error::make(Error::Kind::Timeout, QStringLiteral("TestHang"), QStringLiteral("no answer"));
        return *answer;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
};

void TestProcessCredentials::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestProcessCredentials::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestProcessCredentials::success()
{
    ProcessCredentials process(QStringLiteral("p"),
                               command(QStringLiteral("expiring"), QStringLiteral("2030-01-01T01:00:00Z")), m_env);
    const auto result = fetch(process);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().accessKeyId, QStringLiteral("AKIATEMPEXAMPLE"));
    QCOMPARE(result.value().secretAccessKey.revealText(), QStringLiteral("tempSecret"));
    QCOMPARE(result.value().sessionToken.revealText(), QStringLiteral("tempToken"));
    QCOMPARE(result.value().expiration, QDateTime(QDate(2030, 1, 1), QTime(1, 0), Qt::UTC));
    QCOMPARE(runs(), 1);
}

void TestProcessCredentials::quotingReachesTheProgram()
{
    // A quoted word with a space and an escaped quote arrives as one argument.
    ProcessCredentials process(QStringLiteral("p"),
                               command(QStringLiteral("echo-arg"), QStringLiteral("'two words'\\!")), m_env);
    const auto result = fetch(process);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().accessKeyId, QStringLiteral("two words!"));
}

void TestProcessCredentials::programFoundOnPath()
{
    ProcessCredentials process(QStringLiteral("p"), QStringLiteral("sh ") + helper() + QStringLiteral(" static -"),
                               m_env);
    const auto result = fetch(process);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().accessKeyId, QStringLiteral("AKIAPROCESSEXAMPLE"));
    QVERIFY(!result.value().expiration.isValid());

    ProcessCredentials missing(QStringLiteral("p"), QStringLiteral("jobdesk-no-such-helper --x"), m_env);
    const auto notFound = fetch(missing);
    QVERIFY(!notFound.ok());
    QVERIFY2(notFound.error().message.contains(QStringLiteral("jobdesk-no-such-helper")),
             qPrintable(notFound.error().message));
}

void TestProcessCredentials::failures_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("expected");

    QTest::newRow("non-zero exit keeps stderr")
        << QStringLiteral("fail") << QStringLiteral("exited with code 3: could not reach the identity broker");
    QTest::newRow("bad JSON") << QStringLiteral("bad-json") << QStringLiteral("not valid JSON");
    QTest::newRow("wrong Version") << QStringLiteral("version-2")
                                   << QStringLiteral("unsupported Version 2; supported versions: 1");
    QTest::newRow("no Version") << QStringLiteral("no-version") << QStringLiteral("has no Version");
    QTest::newRow("missing SecretAccessKey")
        << QStringLiteral("missing-secret") << QStringLiteral("missing required key in response: SecretAccessKey");
    QTest::newRow("bad Expiration") << QStringLiteral("bad-expiration") << QStringLiteral("Expiration “next tuesday”");
}

void TestProcessCredentials::failures()
{
    QFETCH(QString, mode);
    QFETCH(QString, expected);
    ProcessCredentials process(QStringLiteral("broker"), command(mode), m_env);
    const auto result = fetch(process);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("CredentialProcessError"));
    QVERIFY2(result.error().message.startsWith(QStringLiteral("credential_process of profile “broker” failed: ")),
             qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
    QVERIFY(!result.error().hint.isEmpty());

    // A failure is not cached: the next request runs the command again.
    const auto again = fetch(process);
    QVERIFY(!again.ok());
    QCOMPARE(runs(), 2);
}

void TestProcessCredentials::timeout()
{
    ProcessCredentials process(QStringLiteral("p"), command(QStringLiteral("slow")), m_env);
    process.setTimeout(std::chrono::milliseconds(300));
    const auto result = fetch(process);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, Error::Kind::Timeout);
    QVERIFY(result.error().message.contains(QStringLiteral("did not finish")));
}

void TestProcessCredentials::cachedUntilNearExpiry()
{
    const QDateTime start(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
    FixedClock clock(start);
    ProcessCredentials process(
        QStringLiteral("p"), command(QStringLiteral("expiring"), QStringLiteral("2030-01-01T01:00:00Z")), m_env, clock);

    QVERIFY(fetch(process).ok());
    QVERIFY(fetch(process).ok());
    QCOMPARE(runs(), 1);

    clock.set(start.addSecs(54 * 60));  // six minutes left: still fresh
    QVERIFY(fetch(process).ok());
    QCOMPARE(runs(), 1);

    clock.set(start.addSecs(56 * 60));  // inside the refresh margin
    QVERIFY(fetch(process).ok());
    QCOMPARE(runs(), 2);

    process.invalidate();
    QVERIFY(fetch(process).ok());
    QCOMPARE(runs(), 3);
}

void TestProcessCredentials::withoutExpirationRunsOnce()
{
    FixedClock clock(QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC));
    ProcessCredentials process(QStringLiteral("p"), command(QStringLiteral("static")), m_env, clock);
    for (int i = 0; i < 3; ++i)
        QVERIFY(fetch(process).ok());
    clock.set(clock.nowUtc().addYears(5));
    QVERIFY(fetch(process).ok());
    QCOMPARE(runs(), 1);
}

void TestProcessCredentials::concurrentFetchesShareOneRun()
{
    ProcessCredentials process(QStringLiteral("p"), command(QStringLiteral("static")), m_env);
    int answers = 0;
    for (int i = 0; i < 3; ++i) {
        process.fetch(this, [&answers](Result<Credentials> result) {
            QVERIFY(result.ok());
            ++answers;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(answers, 3, 60000);
    QCOMPARE(runs(), 1);
}

void TestProcessCredentials::contextGoneMeansNoCallback()
{
    ProcessCredentials process(QStringLiteral("p"), command(QStringLiteral("static")), m_env);
    bool called = false;
    auto *context = new QObject;
    process.fetch(context, [&called](Result<Credentials>) { called = true; });
    delete context;
    // A second caller still gets its answer, and the first one's callback never runs.
    QVERIFY(fetch(process).ok());
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestProcessCredentials)
#include "tst_processcredentials.moc"
