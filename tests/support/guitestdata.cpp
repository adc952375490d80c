#include "support/guitestdata.h"

#include "core/output/jsonwriter.h"

namespace jobdesk::test {

using ojson = nlohmann::ordered_json;

ojson jobDetails(const JobShape &shape)
{
    ojson configuration = ojson::object();
    for (int i = 0; i < shape.configEntries; ++i) {
        if (i == 0)
            configuration["ApiToken"] = "tok_EXAMPLE_0123456789";
        else
            configuration["Setting" + std::to_string(i)] = "value-" + std::to_string(i);
    }
    const auto artifact = [](const std::string &name, int i, bool withRevision) {
        ojson a = ojson::object();
        a["name"] = name + std::to_string(i);
        if (withRevision)
            a["revision"] = "rev" + std::to_string(i);
        a["location"] = {{"type", "S3"},
                         {"s3Location",
                          {{"bucketName", "codepipeline-us-east-1-123456789012"},
                           {"objectKey", "pipe/" + name + std::to_string(i) + "/abc.zip"}}}};
        return a;
    };
    ojson inputs = ojson::array();
    for (int i = 0; i < shape.inputArtifacts; ++i)
        inputs.push_back(artifact("In", i, true));
    ojson outputs = ojson::array();
    for (int i = 0; i < shape.outputArtifacts; ++i)
        outputs.push_back(artifact("Out", i, false));

    ojson context = {
        {"pipelineName", "gui-test-pipeline"},
        {"stage", {{"name", "Build"}}},
        {"action", {{"name", "AcmeBuild"}, {"actionExecutionId", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"}}}};
    if (shape.withPipelineArn) {
        context["pipelineArn"] = "arn:aws:codepipeline:us-east-1:123456789012:gui-test-pipeline";
        context["pipelineExecutionId"] = "ffffffff-1111-4222-8333-444444444444";
    }
    ojson data = ojson::object();
    data["actionTypeId"] = {{"category", "Build"}, {"owner", "ThirdParty"}, {"provider", "AcmeCI"}, {"version", "1"}};
    data["actionConfiguration"] = {{"configuration", configuration}};
    data["pipelineContext"] = context;
    data["inputArtifacts"] = inputs;
    data["outputArtifacts"] = outputs;
    if (shape.withCredentials)
        data["artifactCredentials"] = {{"accessKeyId", "ASIAARTIFACTEXAMPLE1"},
                                       {"secretAccessKey", "artifactSecretKeyEXAMPLE/000000000000000"},
                                       {"sessionToken", "FwoGZXIvYXdzEXAMPLEsessiontoken"}};
    if (!shape.continuationToken.isEmpty())
        data["continuationToken"] = shape.continuationToken.toStdString();
    if (!shape.encryptionKeyId.isEmpty())
        data["encryptionKey"] = {{"id", shape.encryptionKeyId.toStdString()}, {"type", "KMS"}};
    // Services add members; the window must take them without complaint.
    data["someFutureField"] = "ignored";

    ojson details = ojson::object();
    details["id"] = shape.jobId.toStdString();
    details["data"] = data;
    details["nonce"] = "7";
    return details;
}

QByteArray fakeJob(const JobShape &shape, const QString &clientToken, const QString &state)
{
    ojson job = {
        {"clientToken", clientToken.toStdString()}, {"state", state.toStdString()}, {"details", jobDetails(shape)}};
    const std::string text = job.dump();
    return QByteArray(text.data(), qsizetype(text.size()));
}

QByteArray cliOutput(const JobShape &shape)
{
    ojson details = jobDetails(shape);
    details["data"].erase("someFutureField");
    return output::writeJson(ojson{{"jobDetails", details}});
}

}  // namespace jobdesk::test
