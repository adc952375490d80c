// jobdesk-cli artifact list|get|put, run as a program against the fake endpoint with
// its S3: the job is fetched with the caller's keys, its artifacts reached with the
// job's artifact credentials. Zips are made and read back with Python's zipfile, the
// reference the bytes are checked against.

#include "fake/fakecodepipeline.h"
#include "support/awsclienvironment.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace jobdesk;
using Json = nlohmann::ordered_json;

namespace {

const QString kKeyId = QStringLiteral("AKIAARTIFACTCALLER01");
const QString kSecret = QStringLiteral("caller/Secret+Key=abcdefghij0123456789");
const QString kJob = QStringLiteral("7a7a7a7a-1111-4222-8333-444455556666");
const QString kToken = QStringLiteral("artifact-client-token-77c1");
const QString kArtifactKeyId = QStringLiteral("ASIAARTIFACTKEY00042");
const QString kArtifactSecret = QStringLiteral("artifact/Secret+Key=QWERTYUIOP0987654321");
const QString kArtifactToken = QStringLiteral("IQoJb3JpZ2luX2VjARTIFACTCLITEST//session==");
const QString kInputBucket = QStringLiteral("codepipeline-us-east-1-000011112222");
const QString kOutputBucket = QStringLiteral("codepipeline-us-east-1-kms-000011112222");
const QString kKmsKey = QStringLiteral("arn:aws:kms:us-east-1:000011112222:key/1b2c3d4e-aaaa-4bbb-8ccc-0d0e0f101112");

struct Artifact
{
    const char *name;
    QString bucket;
    const char *key;
};
const Artifact kInputs[] = {{"SourceArtifact", kInputBucket, "pipe/SourceArti/Ab12Cd3"},
                            {"SlipArtifact", kInputBucket, "pipe/SlipArtif/Zz99Yy8"},
                            {"NotAZip", kInputBucket, "pipe/NotAZip/Qq11Ww2"}};
const Artifact kOutput = {"BuildArtifact", kOutputBucket, "pipe/BuildArti/Xy45Zw6"};

QByteArray detailsJson()
{
    Json inputs = Json::array();
    for (const Artifact &a : kInputs) {
        inputs.push_back(
            {{"name", a.name},
             {"revision", "0123abcd"},
             {"location",
              {{"type", "S3"}, {"s3Location", {{"bucketName", a.bucket.toStdString()}, {"objectKey", a.key}}}}}});
    }
    Json details = {
        {"id", kJob.toStdString()},
        {"nonce", "3"},
        {"data",
         {{"actionTypeId",
           {{"category", "Build"}, {"owner", "ThirdParty"}, {"provider", "ArtifactVendor"}, {"version", "1"}}},
          {"pipelineContext",
           {{"pipelineName", "pipe"}, {"pipelineArn", "arn:aws:codepipeline:us-east-1:000011112222:pipe"}}},
          {"inputArtifacts", inputs},
          {"outputArtifacts",
           Json::array(
               {{{"name", kOutput.name},
                 {"location",
                  {{"type", "S3"},
                   {"s3Location", {{"bucketName", kOutput.bucket.toStdString()}, {"objectKey", kOutput.key}}}}}}})},
          {"artifactCredentials",
           {{"accessKeyId", kArtifactKeyId.toStdString()},
            {"secretAccessKey", kArtifactSecret.toStdString()},
            {"sessionToken", kArtifactToken.toStdString()}}},
          {"encryptionKey", {{"id", kKmsKey.toStdString()}, {"type", "KMS"}}}}}};
    return QByteArray::fromStdString(details.dump());
}

// Runs a few lines of Python 3 with arguments; its stdout, or a failure.
test::ProcessOutput python(const QString &script, const QStringList &args)
{
    return test::runProcess(QStringLiteral("python3"), QStringList{QStringLiteral("-c"), script} + args);
}

// A zip made by Python's zipfile: NAME=TEXT pairs, a NAME/ for a folder.
QByteArray makeZip(const QString &path, const QStringList &entries)
{
    const auto run = python(QStringLiteral("import sys, zipfile\n"
                                           "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n"
                                           "    for e in sys.argv[2:]:\n"
                                           "        n, _, t = e.partition('=')\n"
                                           "        z.writestr(n, t * 50)\n"),
                            QStringList{path} + entries);
    if (run.exitCode != 0)
        return {};
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What zipfile says about each entry: name, size, packed size, CRC-32 in hex, directory.
Json zipInfo(const QString &path)
{
    const auto run =
        python(QStringLiteral("import sys, json, zipfile\n"
                              "print(json.dumps([[i.filename, i.file_size, i.compress_size,"
                              " '%08x' % i.CRC, i.is_dir()] for i in zipfile.ZipFile(sys.argv[1]).infolist()]))\n"),
               {path});
    return Json::parse(run.out.toStdString(), nullptr, false);
}

// A value of a printed document, and the value expected, as JSON text: QCOMPARE shows both.
QString text(const Json &value)
{
    return QString::fromStdString(value.dump());
}

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

}  // namespace

class TestCliArtifact : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void listArtifacts_data();
    void listArtifacts();
    void listEntries();
    void getToFile();
    void getExtract();
    void zipSlipRefused();
    void notAnArchive();
    void putFile();
    void putFolder();
    void unknownArtifact_data();
    void unknownArtifact();
    void expiredCredentials();
    void debugHidesSecrets();
    void interruptRemovesPartialFile();
    void progressOnTerminal();

private:
    test::ProcessOutput cli(const QString &action, const QStringList &extra,
                            const QProcessEnvironment &env = QProcessEnvironment());
    QProcessEnvironment env() const { return test::AwsCliEnvironment::withKeys(kKeyId, kSecret); }

    fake::FakeCodePipeline m_fake;
    QTemporaryDir m_dir;
    QByteArray m_sourceZip;
    QByteArray m_slipZip;
    FixedClock m_clock{QDateTime::currentDateTimeUtc()};
};

void TestCliArtifact::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    QVERIFY(m_dir.isValid());
    m_sourceZip = makeZip(m_dir.filePath(QStringLiteral("source.zip")),
                          {QStringLiteral("README.md=# Storefront\n"), QStringLiteral("src/"),
                           QStringLiteral("src/main.c=int main(void) { return 0; }\n"),
                           QStringLiteral("buildspec.yml=version: 0.2\n")});
    QVERIFY(!m_sourceZip.isEmpty());
    m_slipZip = makeZip(m_dir.filePath(QStringLiteral("slip.zip")),
                        {QStringLiteral("fine.txt=fine\n"), QStringLiteral("../escaped.txt=outside\n")});
    QVERIFY(!m_slipZip.isEmpty());
    m_fake.setClock(m_clock);
    m_fake.addCredentials(kKeyId, Secret(kSecret));
    QVERIFY(m_fake.listen());
}

void TestCliArtifact::init()
{
    m_clock.set(QDateTime::currentDateTimeUtc());
    m_fake.clearScripts();
    m_fake.removeJob(kJob);
    fake::FakeJob job;
    job.jobId = kJob;
    job.clientId = QStringLiteral("34343434-3434-4343-8343-343434343434");
    job.clientToken = kToken;
    job.details = detailsJson();
    job.state = fake::FakeJob::State::Queued;
    QVERIFY(m_fake.addJob(job).ok());
    fake::FakeS3Bucket input;
    input.name = kInputBucket;
    m_fake.addS3Bucket(input);
    fake::FakeS3Bucket output;
    output.name = kOutputBucket;
    output.requireKms = true;
    output.kmsKeyId = kKmsKey;
    m_fake.addS3Bucket(output);
    m_fake.putS3Object(kInputBucket, QLatin1String(kInputs[0].key), m_sourceZip, "application/zip");
    m_fake.putS3Object(kInputBucket, QLatin1String(kInputs[1].key), m_slipZip, "application/zip");
    m_fake.putS3Object(kInputBucket, QLatin1String(kInputs[2].key), QByteArray("plain text, not an archive\n"));
}

test::ProcessOutput TestCliArtifact::cli(const QString &action, const QStringList &extra,
                                         const QProcessEnvironment &given)
{
    const QString url = m_fake.url().toString();
    QStringList args = {QStringLiteral("artifact"),       action, QStringLiteral("--job-id"),       kJob,
                        QStringLiteral("--client-token"), kToken, QStringLiteral("--endpoint-url"), url};
    QProcessEnvironment e = given.isEmpty() ? env() : given;
    // Through the environment unless the row names the S3 endpoint itself.
    if (!e.contains(QStringLiteral("AWS_ENDPOINT_URL_S3")) && !e.contains(QStringLiteral("AWS_ENDPOINT_URL")))
        args << QStringLiteral("--s3-endpoint-url") << url;
    return test::runProcessServing(test::jobdeskCli(), args + extra, e);
}

void TestCliArtifact::listArtifacts_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("expected");
    QByteArray uris;
    for (const Artifact &a : kInputs)
        uris += "s3://" + a.bucket.toUtf8() + '/' + a.key + '\t';
    uris += "s3://" + kOutput.bucket.toUtf8() + '/' + kOutput.key + '\n';
    QTest::newRow("uris, text") << QStringList{QStringLiteral("--query"), QStringLiteral("Artifacts[].Uri"),
                                               QStringLiteral("--output"), QStringLiteral("text")}
                                << uris;
    QTest::newRow("outputs, text") << QStringList{QStringLiteral("--query"),
                                                  QStringLiteral("Artifacts[?Direction=='output'].[Name,Bucket]"),
                                                  QStringLiteral("--output"), QStringLiteral("text")}
                                   << QByteArray(kOutput.name) + '\t' + kOutput.bucket.toUtf8() + '\n';
    QTest::newRow("names, json") << QStringList{QStringLiteral("--query"),
                                                QStringLiteral("Artifacts[?Direction=='input'].Name")}
                                 << QByteArray(
                                        "[\n    \"SourceArtifact\",\n    \"SlipArtifact\",\n    \"NotAZip\"\n]\n");
}

void TestCliArtifact::listArtifacts()
{
    QFETCH(QStringList, extra);
    QFETCH(QByteArray, expected);
    const auto run = cli(QStringLiteral("list"), extra);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out, expected);
    QCOMPARE(m_fake.s3Uploads().size(), 0);

    // The whole document: every artifact of the job, in its order.
    const auto all = cli(QStringLiteral("list"), {});
    QVERIFY2(all.exitCode == 0, all.err.constData());
    Json doc = Json::parse(all.out.toStdString());
    QCOMPARE(doc["Artifacts"].size(), std::size(kInputs) + 1);
    QCOMPARE(text(doc["Artifacts"][0]["Name"]), text(Json("SourceArtifact")));
    QCOMPARE(text(doc["Artifacts"][0]["Revision"]), text(Json("0123abcd")));
    QCOMPARE(text(doc["Artifacts"][0]["Key"]), text(Json(kInputs[0].key)));
    QCOMPARE(text(doc["Artifacts"][3]["Direction"]), text(Json("output")));
}

void TestCliArtifact::listEntries()
{
    // The S3 endpoint from AWS_ENDPOINT_URL_S3 this time, as the AWS SDKs read it.
    QProcessEnvironment e = env();
    e.insert(QStringLiteral("AWS_ENDPOINT_URL_S3"), m_fake.url().toString());
    e.insert(QStringLiteral("TMPDIR"), m_dir.filePath(QStringLiteral("tmp-list")));
    QVERIFY(QDir().mkpath(e.value(QStringLiteral("TMPDIR"))));
    const auto run = cli(QStringLiteral("list"), {QStringLiteral("--name"), QStringLiteral("SourceArtifact")}, e);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    Json doc = Json::parse(run.out.toStdString());
    QCOMPARE(text(doc["Format"]), text(Json("zip")));
    QCOMPARE(text(doc["Uri"]), text(Json("s3://" + kInputBucket.toStdString() + '/' + kInputs[0].key)));
    const Json reference = zipInfo(m_dir.filePath(QStringLiteral("source.zip")));
    QVERIFY(reference.is_array());
    QCOMPARE(doc["Entries"].size(), reference.size());
    for (std::size_t i = 0; i < reference.size(); ++i) {
        Json &entry = doc["Entries"][i];
        const Json &ref = reference[i];
        QCOMPARE(text(entry["Name"]), text(Json(ref[0])));
        QCOMPARE(text(entry["Size"]), text(Json(ref[1])));
        QCOMPARE(text(entry["PackedSize"]), text(Json(ref[2])));
        QCOMPARE(text(entry["Crc32"]), text(Json(ref[3])));
        QCOMPARE(text(entry["Type"]), text(Json(ref[4].get<bool>() ? "directory" : "file")));
        QVERIFY(!entry["Modified"].get<std::string>().empty());
    }
    // The temporary download is gone.
    QCOMPARE(QDir(e.value(QStringLiteral("TMPDIR"))).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());

    // --output text and --query over the entries.
    const auto names =
        cli(QStringLiteral("list"),
            {QStringLiteral("--name"), QStringLiteral("SourceArtifact"), QStringLiteral("--query"),
             QStringLiteral("Entries[?Type=='file'].Name"), QStringLiteral("--output"), QStringLiteral("text")});
    QVERIFY2(names.exitCode == 0, names.err.constData());
    QCOMPARE(names.out, QByteArray("README.md\tsrc/main.c\tbuildspec.yml\n"));
}

void TestCliArtifact::getToFile()
{
    const QString file = m_dir.filePath(QStringLiteral("download.zip"));
    {
        // An existing file is replaced, as the command line says.
        QFile old(file);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(100000, 'x'));
    }
    const auto run =
        cli(QStringLiteral("get"),
            {QStringLiteral("--name"), QStringLiteral("SourceArtifact"), QStringLiteral("--output-file"), file});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray bytes = written.readAll();
    QCOMPARE(bytes, m_sourceZip);
    Json doc = Json::parse(run.out.toStdString());
    QCOMPARE(text(doc["Bytes"]), text(Json(m_sourceZip.size())));
    QCOMPARE(text(doc["Sha256"]), text(Json(sha256(m_sourceZip).toStdString())));
    QCOMPARE(text(doc["File"]), text(Json(QDir::toNativeSeparators(QFileInfo(file).absoluteFilePath()).toStdString())));
    QCOMPARE(text(doc["ETag"]),
             text(Json(m_fake.s3Object(kInputBucket, QLatin1String(kInputs[0].key))->etag.toStdString())));
    QVERIFY(run.err.isEmpty());  // no progress line: stderr is not a terminal
}

void TestCliArtifact::getExtract()
{
    const QString folder = m_dir.filePath(QStringLiteral("extracted"));
    const auto run = cli(QStringLiteral("get"),
                         {QStringLiteral("--name"), QStringLiteral("SourceArtifact"), QStringLiteral("--extract-to"),
                          folder, QStringLiteral("--output"), QStringLiteral("text"), QStringLiteral("--query"),
                          QStringLiteral("[Files,Directories,Sha256]")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out, "3\t1\t" + sha256(m_sourceZip) + '\n');
    QFile readme(folder + QStringLiteral("/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    QCOMPARE(readme.readAll(), QByteArray("# Storefront\n").repeated(50));
    QFile main(folder + QStringLiteral("/src/main.c"));
    QVERIFY(main.open(QIODevice::ReadOnly));
    QCOMPARE(main.readAll(), QByteArray("int main(void) { return 0; }\n").repeated(50));
}

void TestCliArtifact::zipSlipRefused()
{
    const QString parent = m_dir.filePath(QStringLiteral("slip"));
    const QString folder = parent + QStringLiteral("/into");
    QVERIFY(QDir().mkpath(folder));
    const auto run =
        cli(QStringLiteral("get"),
            {QStringLiteral("--name"), QStringLiteral("SlipArtifact"), QStringLiteral("--extract-to"), folder});
    QCOMPARE(run.exitCode, 255);
    QVERIFY2(run.err.contains("../escaped.txt"), run.err.constData());
    QVERIFY(run.out.isEmpty());
    // Nothing written outside, and nothing inside either: the entries are checked first.
    QVERIFY(!QFile::exists(parent + QStringLiteral("/escaped.txt")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("escaped.txt"))));
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

void TestCliArtifact::notAnArchive()
{
    const auto run = cli(QStringLiteral("list"), {QStringLiteral("--name"), QStringLiteral("NotAZip")});
    QCOMPARE(run.exitCode, 255);
    QVERIFY2(run.err.contains("is not a zip, tar or tar.gz archive"), run.err.constData());
}

void TestCliArtifact::putFile()
{
    const QString file = m_dir.filePath(QStringLiteral("upload.bin"));
    QByteArray content;
    for (int i = 0; i < 70000; ++i)
        content += char(i * 7 % 251);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const int before = int(m_fake.s3Uploads().size());
    const auto run = cli(QStringLiteral("put"),
                         {QStringLiteral("--name"), QLatin1String(kOutput.name), QStringLiteral("--source"), file});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QList<fake::FakeS3Upload> uploads = m_fake.s3Uploads();
    QCOMPARE(uploads.size(), before + 1);
    const fake::FakeS3Upload &upload = uploads.last();
    QCOMPARE(upload.bucket, kOutputBucket);
    QCOMPARE(upload.key, QLatin1String(kOutput.key));
    QCOMPARE(upload.serverSideEncryption, QStringLiteral("aws:kms"));
    QCOMPARE(upload.kmsKeyId, kKmsKey);
    QCOMPARE(upload.contentType, QByteArray("application/zip"));
    QCOMPARE(upload.accessKeyId, kArtifactKeyId);
    QCOMPARE(upload.sha256, sha256(content));
    QCOMPARE(m_fake.s3ObjectContent(kOutputBucket, QLatin1String(kOutput.key)), content);
    // What HeadObject said afterwards.
    Json doc = Json::parse(run.out.toStdString());
    QCOMPARE(text(doc["ContentLength"]), text(Json(content.size())));
    QCOMPARE(text(doc["ServerSideEncryption"]), text(Json("aws:kms")));
    QCOMPARE(text(doc["SSEKMSKeyId"]), text(Json(kKmsKey.toStdString())));
    QCOMPARE(text(doc["ContentType"]), text(Json("application/zip")));
    QCOMPARE(text(doc["Sha256"]), text(Json(sha256(content).toStdString())));
}

void TestCliArtifact::putFolder()
{
    const QString folder = m_dir.filePath(QStringLiteral("build-output"));
    const QStringList files = {QStringLiteral("z-last.txt"), QStringLiteral("a/b/deep.json"),
                               QStringLiteral("a/first.txt"), QStringLiteral("B-upper.txt")};
    for (const QString &name : files) {
        const QString path = folder + QLatin1Char('/') + name;
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(name.toUtf8().repeated(20));
    }
    const auto run = cli(QStringLiteral("put"),
                         {QStringLiteral("--name"), QLatin1String(kOutput.name), QStringLiteral("--source"), folder});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const fake::FakeS3Upload upload = m_fake.s3Uploads().last();
    QCOMPARE(upload.kmsKeyId, kKmsKey);
    QCOMPARE(upload.serverSideEncryption, QStringLiteral("aws:kms"));
    QCOMPARE(upload.contentType, QByteArray("application/zip"));

    const QString zip = m_dir.filePath(QStringLiteral("uploaded.zip"));
    {
        QFile f(zip);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_fake.s3ObjectContent(kOutputBucket, QLatin1String(kOutput.key)));
    }
    QStringList names;
    const Json reference = zipInfo(zip);
    QVERIFY(reference.is_array());
    for (const Json &entry : reference) {
        if (!entry[4].get<bool>())
            names << QString::fromStdString(entry[0].get<std::string>());
    }
    // The folder's files under their relative paths, sorted bytewise.
    QStringList sorted = files;
    std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    QCOMPARE(names, sorted);
}

void TestCliArtifact::unknownArtifact_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("listed");
    const QString out = m_dir.filePath(QStringLiteral("never"));
    QTest::newRow("get") << QStringLiteral(
        "get") << QStringList{QStringLiteral("--name"), QStringLiteral("Missing"), QStringLiteral("--output-file"), out}
                         << QByteArray("SourceArtifact, SlipArtifact, NotAZip");
    QTest::newRow("list") << QStringLiteral("list") << QStringList{QStringLiteral("--name"), QStringLiteral("Missing")}
                          << QByteArray("SourceArtifact, SlipArtifact, NotAZip");
    // An output artifact is not an input one, and the other way round.
    QTest::newRow("get an output") << QStringLiteral("get")
                                   << QStringList{QStringLiteral("--name"), QLatin1String(kOutput.name),
                                                  QStringLiteral("--output-file"), out}
                                   << QByteArray("SourceArtifact, SlipArtifact, NotAZip");
    QTest::newRow("put an input") << QStringLiteral("put")
                                  << QStringList{QStringLiteral("--name"), QStringLiteral("SourceArtifact"),
                                                 QStringLiteral("--source"),
                                                 m_dir.filePath(QStringLiteral("source.zip"))}
                                  << QByteArray(kOutput.name);
}

void TestCliArtifact::unknownArtifact()
{
    QFETCH(QString, action);
    QFETCH(QStringList, extra);
    QFETCH(QByteArray, listed);
    const int uploads = int(m_fake.s3Uploads().size());
    const auto run = cli(action, extra);
    QCOMPARE(run.exitCode, 252);
    QVERIFY2(run.err.contains(QByteArray(QByteArray("Its artifacts are: ") + listed)), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("never"))));
    QCOMPARE(int(m_fake.s3Uploads().size()), uploads);
}

void TestCliArtifact::expiredCredentials()
{
    // The job's credentials expire an hour after their first use; then the fake's clock moves on.
    fake::FakeScript script;
    script.expireTokenAfterSeconds = 3600;
    QVERIFY(m_fake.setS3Script(kInputBucket, script));
    m_fake.setMaxClockSkewSeconds(3 * 3600);
    const QString file = m_dir.filePath(QStringLiteral("expiring.zip"));
    const QStringList args = {QStringLiteral("--name"), QStringLiteral("SourceArtifact"),
                              QStringLiteral("--output-file"), file};
    const auto fresh = cli(QStringLiteral("get"), args);
    QVERIFY2(fresh.exitCode == 0, fresh.err.constData());
    QVERIFY(QFile::remove(file));

    m_clock.set(QDateTime::currentDateTimeUtc().addSecs(2 * 3600));
    const auto expired = cli(QStringLiteral("get"), args);
    m_fake.setMaxClockSkewSeconds(300);
    m_fake.setS3Script(kInputBucket, {});
    QCOMPARE(expired.exitCode, 254);
    QVERIFY2(expired.err.contains("An error occurred (ExpiredToken) when calling the GetObject operation"),
             expired.err.constData());
    QVERIFY2(expired.err.contains("fetch the job again"), expired.err.constData());
    QVERIFY(!QFile::exists(file));
    QVERIFY(!expired.err.contains(kArtifactToken.toUtf8()));
}

void TestCliArtifact::debugHidesSecrets()
{
    const QList<QStringList> runs = {
        {QStringLiteral("get"), QStringLiteral("--name"), QStringLiteral("SourceArtifact"),
         QStringLiteral("--output-file"), m_dir.filePath(QStringLiteral("debug.zip"))},
        {QStringLiteral("put"), QStringLiteral("--name"), QLatin1String(kOutput.name), QStringLiteral("--source"),
         m_dir.filePath(QStringLiteral("source.zip"))},
        {QStringLiteral("list"), QStringLiteral("--name"), QStringLiteral("Missing")},
    };
    for (const QStringList &run : runs) {
        const auto out = cli(run.first(), run.mid(1) + QStringList{QStringLiteral("--debug")});
        QVERIFY2(out.exitCode == (run.contains(QStringLiteral("Missing")) ? 252 : 0), out.err.constData());
        QVERIFY2(out.err.contains("Response body:"), "--debug logged nothing");
        if (!run.contains(QStringLiteral("Missing")))
            QVERIFY2(out.err.contains("jobdesk.s3"), "--debug did not log the S3 steps");
        for (const QString &secret : {kSecret, kToken, kArtifactSecret, kArtifactToken}) {
            if (out.err.contains(secret.toUtf8()) || out.out.contains(secret.toUtf8()))
                QFAIL(qPrintable(QStringLiteral("a secret leaked with %1 --debug").arg(run.first())));
        }
    }
}

void TestCliArtifact::interruptRemovesPartialFile()
{
    // A slow download, interrupted as Ctrl+C would: the partial file goes, the exit code is 130.
    const QByteArray big(512 * 1024, 'b');
    m_fake.putS3Object(kInputBucket, QLatin1String(kInputs[0].key), big, "application/zip");
    fake::FakeScript script;
    script.bodyBytesPerSecond = 64 * 1024;
    QVERIFY(m_fake.setS3Script(kInputBucket, script));
    const QString folder = m_dir.filePath(QStringLiteral("interrupted"));
    QVERIFY(QDir().mkpath(folder));
    const QString url = m_fake.url().toString();
    QSignalSpy received(&m_fake, &fake::FakeCodePipeline::requestReceived);
    const auto getObjects = [&received] {
        QList<QList<QVariant>> gets;
        for (const QList<QVariant> &args : received) {
            if (args.at(0).toString() == QLatin1String("GetObject"))
                gets << args;
        }
        return gets;
    };
    QProcess process;
    process.setProcessEnvironment(env());
    process.start(test::jobdeskCli(),
                  {QStringLiteral("artifact"), QStringLiteral("get"), QStringLiteral("--job-id"), kJob,
                   QStringLiteral("--client-token"), kToken, QStringLiteral("--name"), QStringLiteral("SourceArtifact"),
                   QStringLiteral("--output-file"), folder + QStringLiteral("/artifact.zip"),
                   QStringLiteral("--endpoint-url"), url, QStringLiteral("--s3-endpoint-url"), url});
    QVERIFY(process.waitForStarted());
    // A second into the paced answer, part of the object is written (to an unnamed temporary
    // file where the system has them, so the test cannot look at it).
    QTRY_VERIFY_WITH_TIMEOUT(getObjects().size() > 0, 20000);
    QTest::qWait(1000);
    QCOMPARE(process.state(), QProcess::Running);
    QCOMPARE(test::runProcess(QStringLiteral("kill"), {QStringLiteral("-INT"), QString::number(process.processId())})
                 .exitCode,
             0);
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 20000);
    m_fake.setS3Script(kInputBucket, {});
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitCode() == 130, err.constData());
    QVERIFY(err.contains("cancelled: ctrl-c received"));
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

void TestCliArtifact::progressOnTerminal()
{
    // script(1) gives jobdesk-cli a terminal: the progress line appears, rewritten with \r.
    m_fake.putS3Object(kInputBucket, QLatin1String(kInputs[0].key), QByteArray(300 * 1024, 'p'));
    fake::FakeScript script;
    script.bodyBytesPerSecond = 200 * 1024;
    QVERIFY(m_fake.setS3Script(kInputBucket, script));
    const QString url = m_fake.url().toString();
    QString command = test::jobdeskCli();
    for (const QString &arg :
         {QStringLiteral("artifact"), QStringLiteral("get"), QStringLiteral("--job-id"), kJob,
          QStringLiteral("--client-token"), kToken, QStringLiteral("--name"), QStringLiteral("SourceArtifact"),
          QStringLiteral("--output-file"), m_dir.filePath(QStringLiteral("progress.zip")),
          QStringLiteral("--endpoint-url"), url, QStringLiteral("--s3-endpoint-url"), url})
        command += QStringLiteral(" '") + arg + QLatin1Char('\'');
    const auto run = test::runProcessServing(QStringLiteral("script"),
                                             {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")}, env());
    m_fake.setS3Script(kInputBucket, {});
    QVERIFY2(run.exitCode == 0, run.out.constData());
    QVERIFY2(run.out.contains("\rDownloaded ") && run.out.contains(" KiB of 300.0 KiB ("), run.out.constData());
    QVERIFY(run.out.contains("/s)"));
}

QTEST_GUILESS_MAIN(TestCliArtifact)
#include "tst_cliartifact.moc"
