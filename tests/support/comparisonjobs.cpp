#include "support/comparisonjobs.h"

namespace jobdesk::test {

namespace {

using Json = nlohmann::ordered_json;

Json artifact(int i)
{
    return Json{
        {"name", "Artifact_" + std::to_string(i)},
        {"revision", "rev-" + std::to_string(i * 7919)},
        {"location",
         {{"type", "S3"},
          {"s3Location",
           {{"bucketName", "codepipeline-us-east-1-123456789012"},
            {"objectKey", "MyPipeline/Artifact_" + std::to_string(i) + "/Xk3Pq" + std::to_string(i) + ".zip"}}}}}};
}

Json details(const std::string &id, Json data)
{
    return Json{{"id", id}, {"data", std::move(data)}, {"nonce", "3"}};
}

Json actionType()
{
    return Json{{"category", "Build"}, {"owner", "ThirdParty"}, {"provider", "AcmeCI"}, {"version", "1"}};
}

}  // namespace

std::vector<std::pair<QString, Json>> comparisonJobs()
{
    std::vector<std::pair<QString, Json>> jobs;

    Json full = details(
        "11111111-1111-4111-8111-111111111111",
        Json{
            // Out of model order on purpose, with a member the model does not know.
            {"outputArtifacts", Json::array({artifact(9)})},
            {"actionTypeId", actionType()},
            {"futureMember", "dropped by both"},
            {"actionConfiguration",
             {{"configuration",
               {{"ProjectName", "web-frontend"}, {"Branch", "main"}, {"ApiToken", "not-a-real-token"}}}}},
            {"pipelineContext",
             {{"pipelineName", "MyPipeline"},
              {"stage", {{"name", "Build"}}},
              {"action", {{"name", "AcmeBuild"}, {"actionExecutionId", "c2d7f5b4-0a1e-4f3b-9c8d-7e6f5a4b3c2d"}}},
              {"pipelineArn", "arn:aws:codepipeline:us-east-1:123456789012:MyPipeline"},
              {"pipelineExecutionId", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}}},
            {"inputArtifacts", Json::array({artifact(1), artifact(2)})},
            {"artifactCredentials",
             {{"accessKeyId", "ASIAEXAMPLEARTIFACT1"},
              {"secretAccessKey", "artifact/secret+key=EXAMPLE"},
              {"sessionToken", "FwoGZXIvYXdzEXAMPLESESSIONTOKEN//////////"}}},
            {"continuationToken", "{\"step\":2,\"buildId\":\"b-42\"}"},
            {"encryptionKey",
             {{"id", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}, {"type", "KMS"}}},
        });
    jobs.emplace_back(QStringLiteral("all fields"), full);

    jobs.emplace_back(QStringLiteral("minimal"),
                      details("22222222-2222-4222-8222-222222222222", Json{{"actionTypeId", actionType()}}));

    Json unicodeConfig = {{"Greeting", "héllo wörld"},  {"日本語キー", "値は「テスト」です"},
                          {"Emoji", "🚀 deploy ✅"},      {"Quotes", "say \"hi\" and 'bye'"},
                          {"Tabs", "col1\tcol2\tcol3"}, {"Backslash", "C:\\path\\to\\file"},
                          {"Newline", "line1\nline2"},  {"Control", std::string("bell\x07") + "end"}};
    jobs.emplace_back(
        QStringLiteral("unicode quotes tabs"),
        details("33333333-3333-4333-8333-333333333333",
                Json{{"actionTypeId", actionType()}, {"actionConfiguration", {{"configuration", unicodeConfig}}}}));

    Json fifty = Json::object();
    for (int i = 50; i > 0; --i)  // descending: the wire order must survive
        fifty["Key" + std::to_string(i)] = "value " + std::to_string(i * 31);
    jobs.emplace_back(
        QStringLiteral("50 configuration entries"),
        details("44444444-4444-4444-8444-444444444444",
                Json{{"actionTypeId", actionType()}, {"actionConfiguration", {{"configuration", fifty}}}}));

    Json twenty = Json::array();
    for (int i = 0; i < 20; ++i)
        twenty.push_back(artifact(i));
    jobs.emplace_back(
        QStringLiteral("20 artifacts"),
        details("55555555-5555-4555-8555-555555555555",
                Json{{"actionTypeId", actionType()}, {"inputArtifacts", twenty}, {"outputArtifacts", twenty}}));
    return jobs;
}

}  // namespace jobdesk::test
