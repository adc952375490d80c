// ProgramSearch: a bare program name found as the system's process start finds it.
// The Windows rules (CreateProcess's order and ".exe") run on files in temporary
// folders here, so they are checked on every system; the POSIX rules likewise.

#include "core/platform/programsearch.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::platform::Flavor;
using jobdesk::platform::ProgramSearch;

class TestProgramSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void bareNames_data();
    void bareNames();
    void windowsOrder_data();
    void windowsOrder();
    void windowsExtensions();
    void windowsSkipsFolders();
    void posixNeedsExecutable();
    void posixSearchesPathOnly();
    void nativePlaces();

private:
    QString dir(const QString &name) const { return m_root->filePath(name); }
    // Creates dir/file (the folder too), executable when asked.
    bool touch(const QString &folder, const QString &file, bool executable = false) const
    {
        if (!QDir().mkpath(dir(folder)))
            return false;
        QFile out(QDir(dir(folder)).filePath(file));
        if (!out.open(QIODevice::WriteOnly))
            return false;
        out.close();
        return !executable || out.setPermissions(out.permissions() | QFileDevice::ExeOwner);
    }
    ProgramSearch::Places places() const
    {
        ProgramSearch::Places p;
        p.applicationDir = dir(QStringLiteral("app"));
        p.currentDir = dir(QStringLiteral("current"));
        p.systemDirs = {dir(QStringLiteral("system32")), dir(QStringLiteral("system")), dir(QStringLiteral("windows"))};
        p.path = {dir(QStringLiteral("path1")), dir(QStringLiteral("path2"))};
        return p;
    }

    std::unique_ptr<QTemporaryDir> m_root;
};

void TestProgramSearch::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
}

void TestProgramSearch::bareNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("posix");
    QTest::addColumn<bool>("windows");
    QTest::newRow("name") << QStringLiteral("tool") << true << true;
    QTest::newRow("with extension") << QStringLiteral("tool.exe") << true << true;
    QTest::newRow("slash") << QStringLiteral("bin/tool") << false << false;
    QTest::newRow("dot slash") << QStringLiteral("./tool") << false << false;
    QTest::newRow("backslash") << QStringLiteral("bin\\tool") << true << false;
    QTest::newRow("drive") << QStringLiteral("C:tool") << true << false;
    QTest::newRow("absolute") << QStringLiteral("C:\\bin\\tool.exe") << true << false;
}

void TestProgramSearch::bareNames()
{
    QFETCH(QString, name);
    QFETCH(bool, posix);
    QFETCH(bool, windows);
    QCOMPARE(ProgramSearch::isBareName(name, Flavor::Posix), posix);
    QCOMPARE(ProgramSearch::isBareName(name, Flavor::Windows), windows);
}

void TestProgramSearch::windowsOrder_data()
{
    // Where copies of tool.exe are, and which one CreateProcess starts.
    QTest::addColumn<QStringList>("copies");
    QTest::addColumn<QString>("winner");
    QTest::newRow("application folder first") << QStringList{QStringLiteral("app"), QStringLiteral("current"),
                                                             QStringLiteral("system32"), QStringLiteral("path1")}
                                              << QStringLiteral("app");
    QTest::newRow("current folder before system")
        << QStringList{QStringLiteral("current"), QStringLiteral("system32"), QStringLiteral("path1")}
        << QStringLiteral("current");
    QTest::newRow("System32 before System")
        << QStringList{QStringLiteral("system32"), QStringLiteral("system"), QStringLiteral("windows")}
        << QStringLiteral("system32");
    QTest::newRow("System before Windows")
        << QStringList{QStringLiteral("system"), QStringLiteral("windows")} << QStringLiteral("system");
    QTest::newRow("Windows before PATH") << QStringList{QStringLiteral("windows"), QStringLiteral("path1")}
                                         << QStringLiteral("windows");
    QTest::newRow("PATH in order") << QStringList{QStringLiteral("path2"), QStringLiteral("path1")}
                                   << QStringLiteral("path1");
    QTest::newRow("last PATH entry") << QStringList{QStringLiteral("path2")} << QStringLiteral("path2");
    QTest::newRow("nowhere") << QStringList{} << QString();
}

void TestProgramSearch::windowsOrder()
{
    QFETCH(QStringList, copies);
    QFETCH(QString, winner);
    for (const QString &folder : copies)
        QVERIFY(touch(folder, QStringLiteral("tool.exe")));  // Windows needs no execute bit
    const QString expected = winner.isEmpty() ? QString() : QDir(dir(winner)).filePath(QStringLiteral("tool.exe"));
    QCOMPARE(ProgramSearch::find(QStringLiteral("tool"), places(), Flavor::Windows), expected);
}

void TestProgramSearch::windowsExtensions()
{
    QVERIFY(touch(QStringLiteral("path1"), QStringLiteral("tool")));
    QVERIFY(touch(QStringLiteral("path1"), QStringLiteral("script.cmd")));
    QVERIFY(touch(QStringLiteral("path2"), QStringLiteral("script.cmd.exe")));
    QVERIFY(touch(QStringLiteral("path2"), QStringLiteral("my.tool")));
    const auto find = [this](const QString &name) { return ProgramSearch::find(name, places(), Flavor::Windows); };
    const QString path1 = dir(QStringLiteral("path1"));
    const QString path2 = dir(QStringLiteral("path2"));

    // Without an extension only name.exe is looked for, so a bare "tool" file is not started.
    QCOMPARE(find(QStringLiteral("tool")), QString());
    // A name ending in "." gets no ".exe", and Windows drops the dot.
    QCOMPARE(find(QStringLiteral("tool.")), QDir(path1).filePath(QStringLiteral("tool")));
    // With an extension the name is taken as it is, whatever the extension.
    QCOMPARE(find(QStringLiteral("script.cmd")), QDir(path1).filePath(QStringLiteral("script.cmd")));
    QCOMPARE(find(QStringLiteral("my.tool")), QDir(path2).filePath(QStringLiteral("my.tool")));
    // Names holding a path are not searched.
    QCOMPARE(find(QStringLiteral("path1\\tool.")), QString());
    QCOMPARE(find(QString()), QString());
}

void TestProgramSearch::windowsSkipsFolders()
{
    QVERIFY(QDir().mkpath(QDir(dir(QStringLiteral("app"))).filePath(QStringLiteral("tool.exe"))));
    QVERIFY(touch(QStringLiteral("path1"), QStringLiteral("tool.exe")));
    QCOMPARE(ProgramSearch::find(QStringLiteral("tool"), places(), Flavor::Windows),
             QDir(dir(QStringLiteral("path1"))).filePath(QStringLiteral("tool.exe")));
}

void TestProgramSearch::posixNeedsExecutable()
{
#if defined(Q_OS_WIN)
    QSKIP("The execute bit is a POSIX file system's; NTFS has none to clear");
#else
    QVERIFY(touch(QStringLiteral("path1"), QStringLiteral("tool"), false));
    QVERIFY(touch(QStringLiteral("path2"), QStringLiteral("tool"), true));
    QCOMPARE(ProgramSearch::find(QStringLiteral("tool"), places(), Flavor::Posix),
             QDir(dir(QStringLiteral("path2"))).filePath(QStringLiteral("tool")));
    // No ".exe" is added on POSIX.
    QVERIFY(touch(QStringLiteral("path1"), QStringLiteral("other.exe"), true));
    QCOMPARE(ProgramSearch::find(QStringLiteral("other"), places(), Flavor::Posix), QString());
#endif
}

void TestProgramSearch::posixSearchesPathOnly()
{
#if defined(Q_OS_WIN)
    QSKIP("The execute bit is a POSIX file system's; NTFS has none to set");
#else
    // execvp does not look in the program's own folder or the current one.
    QVERIFY(touch(QStringLiteral("app"), QStringLiteral("tool"), true));
    QVERIFY(touch(QStringLiteral("current"), QStringLiteral("tool"), true));
    QCOMPARE(ProgramSearch::find(QStringLiteral("tool"), places(), Flavor::Posix), QString());
    QVERIFY(touch(QStringLiteral("path2"), QStringLiteral("tool"), true));
    QCOMPARE(ProgramSearch::find(QStringLiteral("tool"), places(), Flavor::Posix),
             QDir(dir(QStringLiteral("path2"))).filePath(QStringLiteral("tool")));
    QCOMPARE(ProgramSearch::find(QStringLiteral("./tool"), places(), Flavor::Posix), QString());
#endif
}

void TestProgramSearch::nativePlaces()
{
    QProcessEnvironment env;
    const QString separator(QDir::listSeparator());
    env.insert(QStringLiteral("PATH"),
               dir(QStringLiteral("path1")) + separator + separator + dir(QStringLiteral("path2")));
    const ProgramSearch::Places native = ProgramSearch::nativePlaces(env);
    QCOMPARE(native.path, QStringList({dir(QStringLiteral("path1")), dir(QStringLiteral("path2"))}));
    if (jobdesk::platform::nativeFlavor() == Flavor::Windows) {
        QVERIFY(!native.applicationDir.isEmpty());
        QCOMPARE(native.currentDir, QDir::currentPath());
        QCOMPARE(native.systemDirs.size(), 3);
    } else {
        QVERIFY(native.applicationDir.isEmpty());
        QVERIFY(native.currentDir.isEmpty());
        QVERIFY(native.systemDirs.isEmpty());
    }

    // The native search finds a program on this system's PATH.
    QVERIFY(touch(QStringLiteral("path2"),
                  jobdesk::platform::nativeFlavor() == Flavor::Windows ? QStringLiteral("jobdesk-probe.exe")
                                                                       : QStringLiteral("jobdesk-probe"),
                  true));
    QVERIFY(!ProgramSearch::find(QStringLiteral("jobdesk-probe"), env).isEmpty());
}

QTEST_GUILESS_MAIN(TestProgramSearch)
#include "tst_programsearch.moc"
