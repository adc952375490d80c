// FileSecurity: a file restricted to its owner, checked by what the file system
// reports afterwards; through a QSaveFile the restriction outlives the commit,
// even over a file that others could read.

#include "core/platform/filesecurity.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::platform::FileSecurity;

namespace {

constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
    | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

// A file everyone may read and write, as a careless umask or a shared folder leaves it.
bool writeOpenFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return false;
    file.close();
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                               | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther);
}

}  // namespace

class TestFileSecurity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void restrictsAnOpenFile();
    void saveFileKeepsItThroughCommit();
    void closedFileIsAnError();
    void readableFileIsNotOwnerOnly();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFileSecurity::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestFileSecurity::restrictsAnOpenFile()
{
    const QString path = m_dir->filePath(QStringLiteral("secret.json"));
    QVERIFY(writeOpenFile(path, "{}"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const jobdesk::Status status = FileSecurity::restrictToOwner(file);
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
    file.close();

    QVERIFY(FileSecurity::isOwnerOnly(path));
    const QFileInfo info(path);
    QCOMPARE(info.permissions() & kOthers, QFileDevice::Permissions());
    QVERIFY(info.permissions() & QFileDevice::ReadOwner);
    QVERIFY(info.permissions() & QFileDevice::WriteOwner);
}

void TestFileSecurity::saveFileKeepsItThroughCommit()
{
    // QSaveFile gives its temporary file the old file's permissions; ours must win.
    const QString path = m_dir->filePath(QStringLiteral("export.json"));
    QVERIFY(writeOpenFile(path, "old"));
    QVERIFY(!FileSecurity::isOwnerOnly(path));

    QSaveFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const jobdesk::Status status = FileSecurity::restrictToOwner(file);
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
    QCOMPARE(file.write("new"), qint64(3));
    QVERIFY(file.commit());

    QVERIFY(FileSecurity::isOwnerOnly(path));
    QCOMPARE(QFileInfo(path).permissions() & kOthers, QFileDevice::Permissions());
    QFile back(path);
    QVERIFY(back.open(QIODevice::ReadOnly));
    QCOMPARE(back.readAll(), QByteArray("new"));
}

void TestFileSecurity::closedFileIsAnError()
{
    QFile file(m_dir->filePath(QStringLiteral("never-opened")));
    const jobdesk::Status status = FileSecurity::restrictToOwner(file);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, QStringLiteral("FilePermissions"));
    QVERIFY2(status.error().message.contains(QStringLiteral("never-opened")), qPrintable(status.error().message));
}

void TestFileSecurity::readableFileIsNotOwnerOnly()
{
    const QString path = m_dir->filePath(QStringLiteral("open.txt"));
    QVERIFY(writeOpenFile(path, "x"));
    QVERIFY(!FileSecurity::isOwnerOnly(path));
    QVERIFY(!FileSecurity::isOwnerOnly(m_dir->filePath(QStringLiteral("missing"))));
}

QTEST_GUILESS_MAIN(TestFileSecurity)
#include "tst_filesecurity.moc"
