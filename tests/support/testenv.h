#pragma once

// Shared test plumbing: fixture paths, and running the reference tools
// (python3 with botocore, the AWS CLI) that the tests compare against.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace jobdesk::test {

QString dataDir();        // tests/data
QString supportDir();     // tests/support
QString sigv4SuiteDir();  // the official SigV4 vectors

struct ProcessOutput
{
    int exitCode = -1;
    bool started = false;
    bool crashed = false;
    QByteArray out;
    QByteArray err;
};

// Runs a program to completion with the given stdin; timeoutMs bounds it.
ProcessOutput runProcess(const QString &program, const QStringList &args, const QByteArray &stdinData = {},
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                         int timeoutMs = 120000);

// The same, but keeps this thread's event loop running meanwhile, so that an
// in-process server (the fake endpoint) can answer the program.
ProcessOutput runProcessServing(const QString &program, const QStringList &args,
                                const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                                int timeoutMs = 120000, const QByteArray &stdinData = {});

// The AWS CLIs installed on this machine (the one on PATH, and /usr/bin/aws if different).
QStringList awsClis();

// The environment the AWS CLI and jobdesk-cli get in comparisons: fixed keys, no
// config files from the real home, no pager, no metadata-service lookups.
QProcessEnvironment referenceEnvironment(const QString &accessKeyId, const QString &secretKey,
                                         const QString &region = QStringLiteral("us-east-1"));

// Path of the jobdesk-cli binary under test (from the JOBDESK_CLI variable CTest sets).
QString jobdeskCli();

// Points HOME and the XDG folders into root, making them, so that a test reads and writes
// only there; call it before anything reads them (QSettings keeps its paths). Returns the
// home folder, or an empty string when a folder could not be made.
QString isolateHome(const QString &root);

// The files under roots (recursively, hidden ones too) holding any of the secrets as
// written or in an encoding a file would use (base64, percent-encoding, JSON's "\/"),
// except the throwaway keyring's own encrypted *.keyring files.
QStringList filesHoldingSecrets(const QStringList &roots, const QStringList &secrets);

// prefix followed by `length` random letters and digits: a secret made for this run, so
// that no stale copy from an earlier run can be mistaken for a leak.
QString uniqueSecret(const char *prefix, int length);

}  // namespace jobdesk::test
