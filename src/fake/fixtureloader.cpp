#include "fake/fixtureloader.h"

#include "fake/fakescriptreader.h"
#include "fake/fixturejson.h"
#include "fake/rawjson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <algorithm>

#include <nlohmann/json.hpp>

// Fixture file format (UTF-8 JSON). Every key is optional unless marked required;
// keys starting with "_" are ignored (use them for comments).
//
// {
//   "credentials": [ { "accessKeyId": "AKIAIOSFODNN7EXAMPLE",          required
//                      "secretAccessKey": "wJalrXUtnFEMI/...",         required
//                      "sessionToken": "..." } ],                      then X-Amz-Security-Token must match
//   "region": "us-east-1",                 only credential scopes for this region are accepted
//   "roles": [ { "arn": "arn:aws:iam::123456789012:role/Support",   required; STS AssumeRole may assume it
//                "externalId": "...",          then ExternalId must match
//                "mfaSerial": "arn:aws:iam::123456789012:mfa/me",  then SerialNumber must match and
//                "mfaCode": "123456",          TokenCode be this code (default 123456)
//                "maxSessionDuration": 3600,   seconds (default 3600)
//                "trustedAccessKeyIds": ["AKIA..."] } ],  default: any known key
//   "sso": { "accounts": [ { "accountId": "111122223333",   required, 12 digits
//                            "accountName": "Support", "emailAddress": "aws@example.com",
//                            "roles": ["ReadOnly", "PartnerSupport"] } ] },
//                                          what the IAM Identity Center portal lists and hands keys for
//   "actionTypes": [ {"category":"Build","owner":"ThirdParty","provider":"AcmeCI","version":"1"} ],
//   "script": { ...as below... },          the global script
//   "buckets": [ { "name": "codepipeline-us-east-1-123456789012",     required; S3 path-style /NAME/KEY
//                  "region": "us-east-1",      default us-east-1; requests signed for another get
//                                              S3's wrong-region answer (see the script's wrongRegion)
//                  "requireKms": true,         PutObject must ask for x-amz-server-side-encryption: aws:kms
//                  "kmsKeyId": "arn:aws:kms:...:key/ID",  ...with this key (its ID or ARN)
//                  "script": { ...as below; operations HeadObject, GetObject, PutObject; and
//                              "resetAfterBodyBytes": 65536, "resetCount": 1,  a TCP reset after so
//                                  many body bytes, for the first resetCount answers (-1: all)
//                              "bodyBytesPerSecond": 100000,   bodies sent at this pace
//                              "expireTokenAfterSeconds": 60,  400 ExpiredToken for requests signed
//                                  with a key more than 60 s after its first S3 request
//                              "wrongRegion": "authorizationHeaderMalformed"  or "permanentRedirect"
//                                  (301) / "temporaryRedirect" (307) } } ],
//   "objects": [ { "bucket": "...", "key": "a/b.zip",   required (the bucket is made if unknown)
//                  "file": "artifacts/b.zip",  relative to the fixtures file; served in pieces
//                  "text": "...",              or this UTF-8 text (one of the two is required)
//                  "contentType": "application/zip" } ],
//                                          Each job's details.data.artifactCredentials are accepted
//                                          by S3, as are the "credentials".
//   "jobs": [ {
//       "jobId": "<uuid>",                 default: details.id (one of the two is required)
//       "clientId": "<uuid>",              returned by Poll; default: a random UUID
//       "clientToken": "...",              required: GetThirdPartyJobDetails, Acknowledge and Put* must send it
//       "nonce": "...",                    default: details.nonce (one of the two is required)
//       "actionTypeId": {...},             default: details.data.actionTypeId (one is required)
//       "state": "Queued",                 Created|Queued|Dispatched|InProgress|TimedOut|Succeeded|Failed
//       "details": { "id": ..., "data": {...}, "nonce": ... },
//                                          the jobDetails object GetThirdPartyJobDetails answers with,
//                                          served byte for byte as written here (order, spacing, unknown
//                                          fields). Absent: a minimal one made from the fields above.
//       "script": {
//           "operations": ["GetThirdPartyJobDetails"],   only these operations; default all
//           "throttle": 2,                 first 2 requests: 400 ThrottlingException
//           "serverErrors": [503, 500],    then one request each with these statuses
//           "serverErrorBody": "json",     or "html" (a load balancer's page, Content-Type text/html)
//           "error": {"code": "JobNotFoundException", "message": "...", "status": 400, "count": 1},
//                                          then a forced error; count -1 (default) = every request
//           "fault": "malformedBody",      or "truncatedBody" / "noAnswer" / "resetMidBody" /
//                                          "truncatedChunkedBody" / "captivePortalHtml" / "hugeBody";
//                                          then on normal answers
//           "faultCount": 1,               -1 (default) = every request
//           "hugeBodyBytes": 4194304,      the size of a "hugeBody" answer
//           "delayMs": 250,                every answer waits this long
//           "closeAfterAnswer": true,      "Connection: close" and close after every answer
//           "dateOffsetSeconds": 86400     the Date header is this far off the fake's clock
//       } } ]
// }

namespace jobdesk::fake {

using ojson = nlohmann::ordered_json;

namespace {

bool hasIgnorablePrefix(const std::string &key)
{
    return !key.empty() && key.front() == '_';
}

Error fixtureError(const QString &field, const QString &message)
{
    return Error::validation(field, message);
}

Result<QList<FakeRole>> parseRoles(const ojson &value)
{
    const QString field = QStringLiteral("roles");
    if (!value.is_array())
        return fixtureError(field, FixtureLoader::tr("roles must be an array"));
    QList<FakeRole> roles;
    for (const auto &r : value) {
        const QString where = QStringLiteral("roles[%1]").arg(roles.size());
        if (!r.is_object() || !fixtureString(r, "arn").startsWith(QLatin1String("arn:aws"))
            || fixtureString(r, "arn").size() < 20)
            return fixtureError(
                where, FixtureLoader::tr("%1 needs an \"arn\" such as arn:aws:iam::123456789012:role/Name").arg(where));
        FakeRole role;
        for (auto it = r.begin(); it != r.end(); ++it) {
            const std::string &key = it.key();
            const ojson &v = it.value();
            const QString member = where + QLatin1Char('.') + QString::fromStdString(key);
            if (hasIgnorablePrefix(key))
                continue;
            if (key == "arn" || key == "externalId" || key == "mfaSerial" || key == "mfaCode") {
                if (!v.is_string())
                    return fixtureError(member, FixtureLoader::tr("%1 must be a string").arg(member));
                const QString text = QString::fromStdString(v.get<std::string>());
                (key == "arn"              ? role.arn
                     : key == "externalId" ? role.externalId
                     : key == "mfaSerial"  ? role.mfaSerial
                                           : role.mfaCode) = text;
            } else if (key == "maxSessionDuration") {
                if (!v.is_number_integer() || v.get<int>() < 3600 || v.get<int>() > 43200)
                    return fixtureError(member, FixtureLoader::tr("%1 must be 3600 to 43200 seconds").arg(member));
                role.maxSessionDurationSeconds = v.get<int>();
            } else if (key == "trustedAccessKeyIds") {
                if (!v.is_array())
                    return fixtureError(member, FixtureLoader::tr("%1 must be an array of access key IDs").arg(member));
                for (const auto &id : v) {
                    if (!id.is_string())
                        return fixtureError(member,
                                            FixtureLoader::tr("%1 must be an array of access key IDs").arg(member));
                    role.trustedAccessKeyIds << QString::fromStdString(id.get<std::string>());
                }
            } else {
                return fixtureError(member, FixtureLoader::tr("%1 is not a role key").arg(member));
            }
        }
        roles.append(role);
    }
    return roles;
}

Result<QList<FakeS3Bucket>> parseBuckets(const ojson &value)
{
    if (!value.is_array())
        return fixtureError(QStringLiteral("buckets"), FixtureLoader::tr("buckets must be an array"));
    QList<FakeS3Bucket> buckets;
    for (const auto &b : value) {
        const QString where = QStringLiteral("buckets[%1]").arg(buckets.size());
        if (!b.is_object() || fixtureString(b, "name").isEmpty())
            return fixtureError(where, FixtureLoader::tr("%1 needs a \"name\"").arg(where));
        FakeS3Bucket bucket;
        for (auto it = b.begin(); it != b.end(); ++it) {
            const std::string &key = it.key();
            const ojson &v = it.value();
            const QString member = where + QLatin1Char('.') + QString::fromStdString(key);
            if (hasIgnorablePrefix(key))
                continue;
            if (key == "name" || key == "region" || key == "kmsKeyId") {
                if (!v.is_string() || v.get<std::string>().empty())
                    return fixtureError(member, FixtureLoader::tr("%1 must be a non-empty string").arg(member));
                const QString text = QString::fromStdString(v.get<std::string>());
                (key == "name" ? bucket.name : key == "region" ? bucket.region : bucket.kmsKeyId) = text;
            } else if (key == "requireKms") {
                if (!v.is_boolean())
                    return fixtureError(member, FixtureLoader::tr("%1 must be true or false").arg(member));
                bucket.requireKms = v.get<bool>();
            } else if (key == "script") {
                auto script = FakeScriptReader::read(v, member, true);
                if (!script.ok())
                    return script.error();
                bucket.script = script.value();
            } else {
                return fixtureError(member, FixtureLoader::tr("%1 is not a bucket key").arg(member));
            }
        }
        buckets.append(bucket);
    }
    return buckets;
}

Result<QList<FixtureLoader::Object>> parseObjects(const ojson &value)
{
    if (!value.is_array())
        return fixtureError(QStringLiteral("objects"), FixtureLoader::tr("objects must be an array"));
    QList<FixtureLoader::Object> objects;
    for (const auto &o : value) {
        const QString where = QStringLiteral("objects[%1]").arg(objects.size());
        if (!o.is_object() || fixtureString(o, "bucket").isEmpty() || fixtureString(o, "key").isEmpty()
            || (o.contains("file") == o.contains("text")))
            return fixtureError(where,
                                FixtureLoader::tr("%1 needs a \"bucket\", a \"key\", and a \"file\" or a "
                                                  "\"text\"")
                                    .arg(where));
        FixtureLoader::Object object;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const std::string &key = it.key();
            const ojson &v = it.value();
            const QString member = where + QLatin1Char('.') + QString::fromStdString(key);
            if (hasIgnorablePrefix(key))
                continue;
            if (key != "bucket" && key != "key" && key != "file" && key != "text" && key != "contentType")
                return fixtureError(member, FixtureLoader::tr("%1 is not an object key").arg(member));
            if (!v.is_string() || (key == "file" && v.get<std::string>().empty()))
                return fixtureError(member, FixtureLoader::tr("%1 must be a string").arg(member));
        }
        object.bucket = fixtureString(o, "bucket");
        object.key = fixtureString(o, "key");
        object.file = fixtureString(o, "file");
        object.text = fixtureString(o, "text").toUtf8();
        if (o.contains("contentType"))
            object.contentType = fixtureString(o, "contentType").toUtf8();
        objects.append(object);
    }
    return objects;
}

Result<QList<FakeSsoAccount>> parseSso(const ojson &value)
{
    const QString field = QStringLiteral("sso");
    if (!value.is_object())
        return fixtureError(field, FixtureLoader::tr("sso must be an object with \"accounts\""));
    QList<FakeSsoAccount> accounts;
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (hasIgnorablePrefix(it.key()))
            continue;
        if (it.key() != "accounts" || !it.value().is_array())
            return fixtureError(field, FixtureLoader::tr("sso takes only an \"accounts\" array"));
        for (const auto &a : it.value()) {
            const QString where = QStringLiteral("sso.accounts[%1]").arg(accounts.size());
            FakeSsoAccount account;
            account.accountId = a.is_object() ? fixtureString(a, "accountId") : QString();
            if (account.accountId.size() != 12
                || !std::all_of(account.accountId.cbegin(), account.accountId.cend(),
                                [](QChar c) { return c.isDigit(); }))
                return fixtureError(where, FixtureLoader::tr("%1 needs a 12-digit \"accountId\"").arg(where));
            account.accountName = fixtureString(a, "accountName");
            account.emailAddress = fixtureString(a, "emailAddress");
            const auto roles = a.find("roles");
            if (roles != a.end()) {
                if (!roles->is_array())
                    return fixtureError(where, FixtureLoader::tr("%1.roles must be an array of names").arg(where));
                for (const auto &r : *roles) {
                    if (!r.is_string() || r.get<std::string>().empty())
                        return fixtureError(where, FixtureLoader::tr("%1.roles must be an array of names").arg(where));
                    account.roleNames << QString::fromStdString(r.get<std::string>());
                }
            }
            accounts.append(account);
        }
    }
    return accounts;
}

ojson actionTypeJson(const ActionTypeId &type)
{
    ojson j;
    j["category"] = type.category.toStdString();
    j["owner"] = type.owner.toStdString();
    j["provider"] = type.provider.toStdString();
    j["version"] = type.version.toStdString();
    return j;
}

}  // namespace

Result<ActionTypeId> FixtureLoader::parseActionType(const ojson &value, const QString &field)
{
    if (!value.is_object())
        return fixtureError(field, tr("%1 must be an object").arg(field));
    ActionTypeId type;
    QString *const fields[] = {&type.category, &type.owner, &type.provider, &type.version};
    const char *const names[] = {"category", "owner", "provider", "version"};
    for (int i = 0; i < 4; ++i) {
        *fields[i] = fixtureString(value, names[i]);
        if (fields[i]->isEmpty())
            return fixtureError(field, tr("%1.%2 must be a non-empty string").arg(field, QLatin1String(names[i])));
    }
    return type;
}

Result<QByteArray> FixtureLoader::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, QStringLiteral("FixtureUnreadable"),
                           tr("Cannot read the fixtures file %1: %2").arg(path, file.errorString()));
    return file.readAll();
}

Result<QStringList> FixtureLoader::objectFiles(const Fixtures &fixtures, const QString &baseDir)
{
    QStringList paths;
    for (qsizetype i = 0; i < fixtures.objects.size(); ++i) {
        const Object &object = fixtures.objects[i];
        if (object.file.isEmpty()) {
            paths << QString();
            continue;
        }
        const QString path = baseDir.isEmpty() ? object.file : QDir(baseDir).filePath(object.file);
        const QFileInfo info(path);
        if (!info.isFile() || !info.isReadable())
            return fixtureError(QStringLiteral("objects[%1].file").arg(i),
                                tr("objects[%1].file: cannot read %2").arg(i).arg(path));
        paths << path;
    }
    return paths;
}

Result<FixtureLoader::Fixtures> FixtureLoader::parse(const QByteArray &json)
{
    const ojson doc = ojson::parse(json.constData(), json.constData() + json.size(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return fixtureError(QString(), tr("The fixtures are not a JSON object"));

    Fixtures fixtures;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        const std::string &key = it.key();
        const ojson &v = it.value();
        if (hasIgnorablePrefix(key) || key == "jobs")
            continue;
        if (key == "credentials") {
            if (!v.is_array())
                return fixtureError(QStringLiteral("credentials"), tr("credentials must be an array"));
            for (const auto &c : v) {
                if (!c.is_object() || fixtureString(c, "accessKeyId").isEmpty()
                    || fixtureString(c, "secretAccessKey").isEmpty())
                    return fixtureError(QStringLiteral("credentials"),
                                        tr("each credential needs an accessKeyId and a secretAccessKey"));
                fixtures.credentials.append({fixtureString(c, "accessKeyId"),
                                             Secret(fixtureString(c, "secretAccessKey")),
                                             Secret(fixtureString(c, "sessionToken"))});
            }
        } else if (key == "actionTypes") {
            if (!v.is_array())
                return fixtureError(QStringLiteral("actionTypes"), tr("actionTypes must be an array"));
            for (const auto &t : v) {
                auto type = parseActionType(t, QStringLiteral("actionTypes"));
                if (!type.ok())
                    return type.error();
                fixtures.actionTypes.append(type.value());
            }
        } else if (key == "script") {
            auto parsed = FakeScriptReader::read(v, QStringLiteral("script"));
            if (!parsed.ok())
                return parsed.error();
            fixtures.script = parsed.value();
        } else if (key == "roles") {
            auto parsed = parseRoles(v);
            if (!parsed.ok())
                return parsed.error();
            fixtures.roles = parsed.value();
        } else if (key == "buckets") {
            auto parsed = parseBuckets(v);
            if (!parsed.ok())
                return parsed.error();
            fixtures.buckets = parsed.value();
        } else if (key == "objects") {
            auto parsed = parseObjects(v);
            if (!parsed.ok())
                return parsed.error();
            fixtures.objects = parsed.value();
        } else if (key == "sso") {
            auto parsed = parseSso(v);
            if (!parsed.ok())
                return parsed.error();
            fixtures.ssoAccounts = parsed.value();
        } else if (key == "region") {
            if (!v.is_string())
                return fixtureError(QStringLiteral("region"), tr("region must be a string"));
            fixtures.region = QString::fromStdString(v.get<std::string>());
        } else {
            return fixtureError(QString::fromStdString(key),
                                tr("%1 is not a fixtures key").arg(QString::fromStdString(key)));
        }
    }

    if (doc.contains("jobs")) {
        // Cut from the text rather than re-serialised, so that each job's details keep their bytes.
        const auto span = RawJson::member(json, QStringLiteral("jobs"));
        const auto elements = span ? RawJson::arrayElements(json, span->begin) : std::nullopt;
        if (!elements)
            return fixtureError(QStringLiteral("jobs"), tr("jobs must be an array of job objects"));
        for (const RawJson::Span &element : *elements)
            fixtures.jobs.append(json.mid(element.begin, element.end - element.begin));
    }
    return fixtures;
}

Error FixtureLoader::jobError(qsizetype index, Error error)
{
    error.field =
        QStringLiteral("jobs[%1]").arg(index) + (error.field.isEmpty() ? QString() : QLatin1Char('.') + error.field);
    error.message = tr("Job %1: %2").arg(index).arg(error.message);
    return error;
}

Result<FakeJob> FixtureLoader::parseJob(const QByteArray &jobObject)
{
    const ojson j = ojson::parse(jobObject.constData(), jobObject.constData() + jobObject.size(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return fixtureError(QString(), tr("a job must be a JSON object"));

    FakeJob job;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string &key = it.key();
        const ojson &v = it.value();
        const QString field = QString::fromStdString(key);
        if (hasIgnorablePrefix(key))
            continue;
        if (key == "jobId" || key == "clientId" || key == "clientToken" || key == "nonce") {
            if (!v.is_string())
                return fixtureError(field, tr("%1 must be a string").arg(field));
            const QString value = QString::fromStdString(v.get<std::string>());
            (key == "jobId"             ? job.jobId
                 : key == "clientId"    ? job.clientId
                 : key == "clientToken" ? job.clientToken
                                        : job.nonce) = value;
        } else if (key == "actionTypeId") {
            auto type = parseActionType(v, field);
            if (!type.ok())
                return type.error();
            job.actionTypeId = type.value();
        } else if (key == "state") {
            const auto state =
                v.is_string() ? FakeJob::stateFromName(QString::fromStdString(v.get<std::string>())) : std::nullopt;
            if (!state)
                return fixtureError(field,
                                    tr("state must be one of Created, Queued, Dispatched, InProgress, "
                                       "TimedOut, Succeeded, Failed"));
            job.state = *state;
        } else if (key == "details") {
            const auto span = RawJson::member(jobObject, QStringLiteral("details"));
            if (!span || !v.is_object())
                return fixtureError(field, tr("details must be a JSON object"));
            job.details = jobObject.mid(span->begin, span->end - span->begin);
        } else if (key == "script") {
            auto script = FakeScriptReader::read(v, field);
            if (!script.ok())
                return script.error();
            job.script = script.value();
        } else {
            return fixtureError(field, tr("%1 is not a job key").arg(field));
        }
    }
    return job;
}

Result<FakeJob> FixtureLoader::completeJob(const FakeJob &input)
{
    FakeJob job = input;
    if (!job.details.isEmpty()) {
        const ojson details =
            ojson::parse(job.details.constData(), job.details.constData() + job.details.size(), nullptr, false);
        if (details.is_discarded() || !details.is_object())
            return fixtureError(QStringLiteral("details"), tr("details must be a JSON object"));
        const QString detailsId = fixtureString(details, "id");
        if (job.jobId.isEmpty())
            job.jobId = detailsId;
        else if (!detailsId.isEmpty() && detailsId != job.jobId)
            return fixtureError(QStringLiteral("details.id"), tr("details.id differs from jobId"));
        if (job.nonce.isEmpty())
            job.nonce = fixtureString(details, "nonce");
        if (job.actionTypeId.provider.isEmpty() && details.contains("data") && details["data"].is_object()
            && details["data"].contains("actionTypeId")) {
            auto type = parseActionType(details["data"]["actionTypeId"], QStringLiteral("details.data.actionTypeId"));
            if (!type.ok())
                return type.error();
            job.actionTypeId = type.value();
        }
    }
    if (job.jobId.isEmpty())
        return fixtureError(QStringLiteral("jobId"), tr("a job needs a jobId (or details.id)"));
    if (job.clientToken.isEmpty())
        return fixtureError(QStringLiteral("clientToken"), tr("a job needs a clientToken"));
    if (job.nonce.isEmpty())
        return fixtureError(QStringLiteral("nonce"), tr("a job needs a nonce (or details.nonce)"));
    if (job.actionTypeId.category.isEmpty() || job.actionTypeId.owner.isEmpty() || job.actionTypeId.provider.isEmpty()
        || job.actionTypeId.version.isEmpty())
        return fixtureError(QStringLiteral("actionTypeId"),
                            tr("a job needs an actionTypeId (or details.data.actionTypeId)"));
    if (job.clientId.isEmpty())
        job.clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (job.details.isEmpty()) {
        ojson details;
        details["id"] = job.jobId.toStdString();
        details["data"]["actionTypeId"] = actionTypeJson(job.actionTypeId);
        details["nonce"] = job.nonce.toStdString();
        job.details = QByteArray::fromStdString(details.dump());
    }
    job.resultBody.clear();
    return job;
}

}  // namespace jobdesk::fake
