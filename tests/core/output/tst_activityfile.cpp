// ActivityFile: one owner-only JSON Lines file per profile in an owner-only folder,
// appended to and never rewritten, read back despite damaged lines, bounded, and with
// no client token in it whatever the entry was made from.

#include "core/codepipeline/servicemodel.h"
#include "core/output/activityfile.h"
#include "core/platform/filesecurity.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::codepipeline::Json;
using jobdesk::codepipeline::ServiceModel;
using jobdesk::output::ActivityEntry;
using jobdesk::output::ActivityFile;

namespace {

const char *const kToken = "client-token-FILE-LEAK-CHECK-7f3a9";

ActivityEntry entry(const QString &profile, const QString &nonce, int second = 0)
{
    const auto *op = ServiceModel::codePipeline().operation("AcknowledgeThirdPartyJob");
    ActivityEntry e =
        ActivityEntry::make(*op, Json{{"jobId", "job-1"}, {"nonce", nonce.toStdString()}, {"clientToken", kToken}},
                            QDateTime(QDate(2026, 12, 3), QTime(9, 0, second), Qt::UTC));
    e.profile = profile;
    e.region = QStringLiteral("us-east-1");
    e.ok = true;
    e.outcome = QStringLiteral("InProgress");
    e.requestId = QStringLiteral("req-") + nonce;
    e.durationMs = 12;
    return e;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeRaw(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray line(const ActivityEntry &e)
{
    return QByteArray::fromStdString(e.toJson().dump()) + '\n';
}

}  // namespace

class TestActivityFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultDirectory();
    void ownerOnly();
    void appendKeepsEarlierLines();
    void missingFileIsEmpty();
    void damagedLinesAreCounted();
    void lineCutShortIsNotJoined();
    void longLinesAreSkipped();
    void newestEntriesAreKept();
    void oddProfileNamesStayInside_data();
    void oddProfileNamesStayInside();
    void fileNamesDoNotCollide();
    void noTokenInTheFile();
    void unwritableFolderSaysWhere();

private:
    QString dir(const char *name) const { return m_root.filePath(QLatin1String(name)); }
    QTemporaryDir m_root;
};

void TestActivityFile::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_root.isValid());
}

void TestActivityFile::defaultDirectory()
{
    QCOMPARE(ActivityFile::defaultDirectory(),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/activity"));
    QCOMPARE(ActivityFile().directory(), ActivityFile::defaultDirectory());
}

void TestActivityFile::ownerOnly()
{
    const ActivityFile file(dir("owner") + QStringLiteral("/activity"));
    QVERIFY(file.append(entry(QStringLiteral("prod"), QStringLiteral("1"))).ok());
    const QString path = file.pathFor(QStringLiteral("prod"));
    QVERIFY(jobdesk::platform::FileSecurity::isOwnerOnly(path));
#ifdef Q_OS_LINUX
    // Group and other: nothing (the ...User flags, 0x0700, repeat the owner's for the current user).
    QCOMPARE(int(QFileInfo(path).permissions() & 0x0077), 0);
    QCOMPARE(int(QFileInfo(file.directory()).permissions() & 0x0077), 0);
    QCOMPARE(QFileInfo(file.directory()).permissions() & 0x7000,
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QCOMPARE(QFileInfo(path).permissions() & 0x7000, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // A file someone made readable to others is made private again on the next append.
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    QVERIFY(file.append(entry(QStringLiteral("prod"), QStringLiteral("2"))).ok());
    QVERIFY(jobdesk::platform::FileSecurity::isOwnerOnly(path));
#endif
}

void TestActivityFile::appendKeepsEarlierLines()
{
    const ActivityFile file(dir("append"));
    const QString profile = QStringLiteral("dev");
    QVERIFY(file.append(entry(profile, QStringLiteral("1"), 1)).ok());
    const QByteArray first = contents(file.pathFor(profile));
    QCOMPARE(first, line(entry(profile, QStringLiteral("1"), 1)));
    QVERIFY(file.append(entry(profile, QStringLiteral("2"), 2)).ok());
    QVERIFY(file.append(entry(profile, QStringLiteral("3"), 3)).ok());
    const QByteArray all = contents(file.pathFor(profile));
    QVERIFY(all.startsWith(first));
    QCOMPARE(all.count('\n'), 3);

    const auto read = file.read(profile);
    QVERIFY(read.ok());
    QCOMPARE(read.value().entries.size(), 3);
    QCOMPARE(read.value().unreadableLines, 0);
    for (int i = 0; i < 3; ++i)
        QVERIFY(read.value().entries.at(i) == entry(profile, QString::number(i + 1), i + 1));
    // Another profile's entries go to another file.
    QVERIFY(file.append(entry(QStringLiteral("other"), QStringLiteral("9"))).ok());
    QCOMPARE(file.read(profile).value().entries.size(), 3);
    QCOMPARE(file.read(QStringLiteral("other")).value().entries.size(), 1);
}

void TestActivityFile::missingFileIsEmpty()
{
    const ActivityFile file(dir("missing"));
    const auto read = file.read(QStringLiteral("never"));
    QVERIFY(read.ok());
    QVERIFY(read.value().entries.isEmpty());
    QCOMPARE(read.value().unreadableLines, 0);
    QVERIFY(!QFileInfo::exists(dir("missing")));  // reading makes nothing
}

void TestActivityFile::damagedLinesAreCounted()
{
    const ActivityFile file(dir("damaged"));
    const QString profile = QStringLiteral("p");
    QByteArray bytes = line(entry(profile, QStringLiteral("1")));
    bytes += "{not json\n";
    bytes += "\n";  // blank: neither an entry nor damage
    bytes += R"({"time":"2026-12-03T09:00:00.000Z","ok":"yes"})"
             "\n";                          // JSON, but not an entry
    bytes += QByteArray(1000, '[') + '\n';  // too deep to be an entry
    bytes += line(entry(profile, QStringLiteral("2")));
    writeRaw(file.pathFor(profile), bytes);
    const auto read = file.read(profile);
    QVERIFY(read.ok());
    QCOMPARE(read.value().unreadableLines, 3);
    QCOMPARE(read.value().entries.size(), 2);
    QCOMPARE(read.value().entries.at(1).requestId, QStringLiteral("req-2"));
}

void TestActivityFile::lineCutShortIsNotJoined()
{
    const ActivityFile file(dir("cut"));
    const QString profile = QStringLiteral("p");
    const QByteArray whole = line(entry(profile, QStringLiteral("1")));
    writeRaw(file.pathFor(profile), whole + whole.left(30));  // a crash in the middle of a line
    QVERIFY(file.append(entry(profile, QStringLiteral("2"))).ok());
    const auto read = file.read(profile);
    QVERIFY(read.ok());
    QCOMPARE(read.value().unreadableLines, 1);
    QCOMPARE(read.value().entries.size(), 2);
    QCOMPARE(read.value().entries.at(1).requestId, QStringLiteral("req-2"));
}

void TestActivityFile::longLinesAreSkipped()
{
    const ActivityFile file(dir("long"));
    const QString profile = QStringLiteral("p");
    ActivityEntry huge = entry(profile, QStringLiteral("1"));
    huge.message = QString(ActivityFile::maxLineBytes() * 3, QLatin1Char('m'));
    writeRaw(file.pathFor(profile), line(huge) + line(entry(profile, QStringLiteral("2"))));
    const auto read = file.read(profile);
    QVERIFY(read.ok());
    QCOMPARE(read.value().unreadableLines, 1);
    QCOMPARE(read.value().entries.size(), 1);
    QCOMPARE(read.value().entries.at(0).requestId, QStringLiteral("req-2"));
}

void TestActivityFile::newestEntriesAreKept()
{
    const ActivityFile file(dir("many"));
    const QString profile = QStringLiteral("p");
    const int total = ActivityFile::maxEntries() + 25;
    QByteArray bytes;
    for (int i = 0; i < total; ++i)
        bytes += line(entry(profile, QString::number(i)));
    writeRaw(file.pathFor(profile), bytes);
    const auto read = file.read(profile);
    QVERIFY(read.ok());
    QCOMPARE(read.value().entries.size(), ActivityFile::maxEntries());
    QCOMPARE(read.value().olderEntriesLeftOut, 25);
    QCOMPARE(read.value().entries.first().requestId, QStringLiteral("req-25"));
    QCOMPARE(read.value().entries.last().requestId, QStringLiteral("req-%1").arg(total - 1));
}

void TestActivityFile::oddProfileNamesStayInside_data()
{
    QTest::addColumn<QString>("profile");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("backslash") << QStringLiteral("a\\b");
    QTest::newRow("dot dot") << QStringLiteral("..");
    QTest::newRow("dot") << QStringLiteral(".");
    QTest::newRow("climbing") << QStringLiteral("../../etc/passwd");
    QTest::newRow("unicode") << QStringLiteral("Kunde Jürgen 令牌");
    QTest::newRow("spaces") << QStringLiteral("  my profile  ");
    QTest::newRow("empty") << QString();
    QTest::newRow("windows device") << QStringLiteral("con");
    QTest::newRow("colon and star") << QStringLiteral("c:*?\"<>|");
    QTest::newRow("percent") << QStringLiteral("%2E%2E");
    QTest::newRow("very long") << QString(400, QChar(0x4EE4));
}

void TestActivityFile::oddProfileNamesStayInside()
{
    QFETCH(QString, profile);
    const QString folder = dir("odd");
    const ActivityFile file(folder);
    const QString path = file.pathFor(profile);
    QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(folder).absoluteFilePath());
    const QString name = QFileInfo(path).fileName();
    QVERIFY(name.endsWith(QLatin1String(".jsonl")));
    QVERIFY(name.toUtf8().size() <= 200);
    for (const QChar c : name)
        QVERIFY2(c.isLetterOrNumber() || QStringLiteral("%-_.~").contains(c), qPrintable(name));
    QVERIFY(file.append(entry(profile, QStringLiteral("1"))).ok());
    QVERIFY(QFileInfo::exists(path));
    const auto read = file.read(profile);
    QVERIFY(read.ok());
    QCOMPARE(read.value().entries.size(), 1);
    QCOMPARE(read.value().entries.at(0).profile, profile);
    QVERIFY(QFile::remove(path));
    QVERIFY(QDir(folder).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));
}

void TestActivityFile::fileNamesDoNotCollide()
{
    const QStringList profiles = {QStringLiteral("Prod"),
                                  QStringLiteral("prod"),
                                  QStringLiteral("PROD"),
                                  QStringLiteral("a/b"),
                                  QStringLiteral("a_b"),
                                  QStringLiteral("a%2Fb"),
                                  QString(),
                                  QStringLiteral("%"),
                                  QStringLiteral("con"),
                                  QStringLiteral("%63on"),
                                  QString(300, QLatin1Char('x')),
                                  QString(300, QLatin1Char('x')) + QLatin1Char('y')};
    QSet<QString> lowerCased;
    for (const QString &profile : profiles)
        lowerCased.insert(ActivityFile::fileNameFor(profile).toLower());
    QCOMPARE(lowerCased.size(), profiles.size());
}

void TestActivityFile::noTokenInTheFile()
{
    const ActivityFile file(dir("leak"));
    const QString profile = QStringLiteral("leak");
    ActivityEntry e = entry(profile, QStringLiteral("1"));
    QVERIFY(file.append(e).ok());
    // Even an entry whose parameters were filled in by hand with the token.
    e.parameters = Json{{"jobId", "job-1"}, {"nonce", "2"}, {"clientToken", kToken}};
    QVERIFY(file.append(e).ok());
    const QByteArray bytes = contents(file.pathFor(profile));
    QCOMPARE(bytes.count('\n'), 2);
    QVERIFY(!bytes.contains(kToken));
    QVERIFY(bytes.contains("\"clientToken\":\"<redacted>\""));
}

void TestActivityFile::unwritableFolderSaysWhere()
{
    // A file where the folder should be: nothing can be made inside it.
    const QString blocker = dir("blocker");
    writeRaw(blocker, "x");
    const ActivityFile file(blocker + QStringLiteral("/activity"));
    const auto appended = file.append(entry(QStringLiteral("p"), QStringLiteral("1")));
    QVERIFY(!appended.ok());
    QCOMPARE(appended.error().code, QStringLiteral("ActivityFileFailed"));
    QVERIFY2(appended.error().message.contains(QDir::toNativeSeparators(blocker)),
             qPrintable(appended.error().message));
    QVERIFY(!appended.error().hint.isEmpty());

    // A folder where the file should be: it cannot be read.
    const ActivityFile reader(dir("reader"));
    QVERIFY(QDir().mkpath(reader.pathFor(QStringLiteral("p"))));
    const auto read = reader.read(QStringLiteral("p"));
    QVERIFY(!read.ok());
    QVERIFY(read.error().message.contains(QStringLiteral(".jsonl")));
}

QTEST_GUILESS_MAIN(TestActivityFile)
#include "tst_activityfile.moc"
