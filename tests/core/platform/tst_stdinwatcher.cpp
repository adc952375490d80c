// StdinWatcher, through jobdesk-fake (which quits when it reports): the fake ends
// once the pipe on its standard input is closed, and keeps running when standard
// input is not a pipe (the null device), where there is nothing to watch.

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

class TestStdinWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endsWhenThePipeCloses();
    void keepsRunningWithoutAPipe();

private:
    static QString fake() { return QProcessEnvironment::systemEnvironment().value(QStringLiteral("JOBDESK_FAKE")); }
    // Starts jobdesk-fake and waits for its "PORT <n>" line.
    static bool start(QProcess &process)
    {
        process.start(fake(), {});
        if (!process.waitForStarted(10000))
            return false;
        while (!process.canReadLine()) {
            if (!process.waitForReadyRead(10000))
                return false;
        }
        return process.readLine().startsWith("PORT ");
    }
};

void TestStdinWatcher::endsWhenThePipeCloses()
{
    QVERIFY2(!fake().isEmpty(), "JOBDESK_FAKE is not set (CTest sets it)");
    QProcess process;
    QVERIFY(start(process));
    process.write("anything written before is read and dropped\n");
    QVERIFY(process.waitForBytesWritten(5000));
    QVERIFY(!process.waitForFinished(300));  // still serving while the pipe is open
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

void TestStdinWatcher::keepsRunningWithoutAPipe()
{
    QVERIFY2(!fake().isEmpty(), "JOBDESK_FAKE is not set (CTest sets it)");
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    QVERIFY(start(process));
    // The null device reads as closed at once; a watcher on it would have ended the fake.
    QVERIFY(!process.waitForFinished(1500));
    process.kill();
    QVERIFY(process.waitForFinished(5000));
}

QTEST_GUILESS_MAIN(TestStdinWatcher)
#include "tst_stdinwatcher.moc"
