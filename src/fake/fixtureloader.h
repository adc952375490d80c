#pragma once

// Reads the fake endpoint's fixtures (keys, roles, action types, scripts and jobs, in
// the JSON format described in fixtureloader.cpp) into values, without applying them,
// so that a bad file changes nothing.

#include "core/result.h"
#include "core/secret.h"
#include "fake/fakejob.h"
#include "fake/fakerole.h"
#include "fake/fakes3bucket.h"
#include "fake/fakescript.h"
#include "fake/fakessoaccount.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace jobdesk::fake {

class FixtureLoader
{
    Q_DECLARE_TR_FUNCTIONS(FixtureLoader)

public:
    struct Credential
    {
        QString accessKeyId;
        Secret secretKey;
        Secret sessionToken;
    };

    // An S3 object of the fixtures: its content is the text, or the file's (a path relative
    // to the fixtures file's folder).
    struct Object
    {
        QString bucket;
        QString key;
        QString file;
        QByteArray text;
        QByteArray contentType = "application/octet-stream";
    };

    struct Fixtures
    {
        QList<Credential> credentials;
        QString region;
        QList<FakeRole> roles;
        QList<FakeSsoAccount> ssoAccounts;
        QList<ActionTypeId> actionTypes;
        std::optional<FakeScript> script;  // the global one
        QList<QByteArray> jobs;            // each job object's text as written, for parseJob()
        QList<FakeS3Bucket> buckets;
        QList<Object> objects;
    };

    static Result<QByteArray> readFile(const QString &path);
    // The path of each object's file (empty for a text object), resolved against baseDir
    // (the fixtures file's folder), once each is known to be a readable file.
    static Result<QStringList> objectFiles(const Fixtures &fixtures, const QString &baseDir);
    // Every key but the jobs' contents is checked here; the jobs are checked one by
    // one as they are added, since a job can also clash with one already there.
    static Result<Fixtures> parse(const QByteArray &json);
    // One element of "jobs"; its details are kept byte for byte.
    static Result<FakeJob> parseJob(const QByteArray &jobObject);
    // Fills what a job may leave out (from its details, or made up) and checks that
    // the rest is there.
    static Result<FakeJob> completeJob(const FakeJob &job);
    // The error of the job at index in a fixtures file, named as such.
    static Error jobError(qsizetype index, Error error);

    static Result<ActionTypeId> parseActionType(const nlohmann::ordered_json &value, const QString &field);
};

}  // namespace jobdesk::fake
