#include "core/codepipeline/servicemodel.h"

#include <algorithm>
#include <map>

namespace jobdesk::codepipeline {

namespace {

using Type = Shape::Type;

// Declarative description of a shape, linked by name once all are known.
struct ShapeSpec
{
    const char *name;
    Type type;
    std::vector<std::pair<const char *, const char *>> members = {};  // member name, shape name
    std::vector<std::string> required = {};
    const char *element = nullptr;  // list member, or map value
    const char *key = nullptr;      // map key
    std::optional<long long> min = {};
    std::optional<long long> max = {};
    const char *pattern = "";
    std::vector<std::string> enumValues = {};
    bool sensitive = false;
    bool exception = false;
};

const char *const kNamePattern = "[A-Za-z0-9.@\\-_]+";
const char *const kUuidPattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

std::vector<ShapeSpec> shapeSpecs()
{
    return {
        // GetThirdPartyJobDetails
        {"GetThirdPartyJobDetailsInput",
         Type::Structure,
         {{"jobId", "ThirdPartyJobId"}, {"clientToken", "ClientToken"}},
         {"jobId", "clientToken"}},
        {"ThirdPartyJobId", Type::String, {}, {}, nullptr, nullptr, 1, 512},
        {"ClientToken", Type::String, {}, {}, nullptr, nullptr, 1, 256},
        {"GetThirdPartyJobDetailsOutput", Type::Structure, {{"jobDetails", "ThirdPartyJobDetails"}}},
        {"ThirdPartyJobDetails",
         Type::Structure,
         {{"id", "ThirdPartyJobId"}, {"data", "ThirdPartyJobData"}, {"nonce", "Nonce"}}},
        {"ThirdPartyJobData",
         Type::Structure,
         {{"actionTypeId", "ActionTypeId"},
          {"actionConfiguration", "ActionConfiguration"},
          {"pipelineContext", "PipelineContext"},
          {"inputArtifacts", "ArtifactList"},
          {"outputArtifacts", "ArtifactList"},
          {"artifactCredentials", "AWSSessionCredentials"},
          {"continuationToken", "ContinuationToken"},
          {"encryptionKey", "EncryptionKey"}}},
        {"ActionTypeId",
         Type::Structure,
         {{"category", "ActionCategory"},
          {"owner", "ActionOwner"},
          {"provider", "ActionProvider"},
          {"version", "Version"}},
         {"category", "owner", "provider", "version"}},
        {"ActionCategory",
         Type::String,
         {},
         {},
         nullptr,
         nullptr,
         {},
         {},
         "",
         {"Source", "Build", "Deploy", "Test", "Invoke", "Approval", "Compute"}},
        {"ActionOwner", Type::String, {}, {}, nullptr, nullptr, {}, {}, "", {"AWS", "ThirdParty", "Custom"}},
        {"ActionProvider", Type::String, {}, {}, nullptr, nullptr, 1, 35, "[0-9A-Za-z_-]+"},
        {"Version", Type::String, {}, {}, nullptr, nullptr, 1, 9, "[0-9A-Za-z_-]+"},
        {"ActionConfiguration", Type::Structure, {{"configuration", "ActionConfigurationMap"}}},
        {"ActionConfigurationMap", Type::Map, {}, {}, "ActionConfigurationValue", "ActionConfigurationKey"},
        {"ActionConfigurationKey", Type::String, {}, {}, nullptr, nullptr, 1, 50},
        {"ActionConfigurationValue", Type::String, {}, {}, nullptr, nullptr, 1, 1000},
        {"PipelineContext",
         Type::Structure,
         {{"pipelineName", "PipelineName"},
          {"stage", "StageContext"},
          {"action", "ActionContext"},
          {"pipelineArn", "PipelineArn"},
          {"pipelineExecutionId", "PipelineExecutionId"}}},
        {"PipelineName", Type::String, {}, {}, nullptr, nullptr, 1, 100, kNamePattern},
        {"StageContext", Type::Structure, {{"name", "StageName"}}},
        {"StageName", Type::String, {}, {}, nullptr, nullptr, 1, 100, kNamePattern},
        {"ActionContext", Type::Structure, {{"name", "ActionName"}, {"actionExecutionId", "ActionExecutionId"}}},
        {"ActionName", Type::String, {}, {}, nullptr, nullptr, 1, 100, kNamePattern},
        {"ActionExecutionId", Type::String},
        {"PipelineArn",
         Type::String,
         {},
         {},
         nullptr,
         nullptr,
         {},
         {},
         "arn:aws(-[\\w]+)*:codepipeline:.+:[0-9]{12}:.+"},
        {"PipelineExecutionId", Type::String, {}, {}, nullptr, nullptr, {}, {}, kUuidPattern},
        {"ArtifactList", Type::List, {}, {}, "Artifact"},
        {"Artifact",
         Type::Structure,
         {{"name", "ArtifactName"}, {"revision", "Revision"}, {"location", "ArtifactLocation"}}},
        {"ArtifactName", Type::String, {}, {}, nullptr, nullptr, 1, 100, "[a-zA-Z0-9_\\-]+"},
        {"Revision", Type::String, {}, {}, nullptr, nullptr, 1, 1500},
        {"ArtifactLocation", Type::Structure, {{"type", "ArtifactLocationType"}, {"s3Location", "S3ArtifactLocation"}}},
        {"ArtifactLocationType", Type::String, {}, {}, nullptr, nullptr, {}, {}, "", {"S3"}},
        {"S3ArtifactLocation",
         Type::Structure,
         {{"bucketName", "S3BucketName"}, {"objectKey", "S3ObjectKey"}},
         {"bucketName", "objectKey"}},
        {"S3BucketName", Type::String},
        {"S3ObjectKey", Type::String},
        {"AWSSessionCredentials",
         Type::Structure,
         {{"accessKeyId", "AccessKeyId"}, {"secretAccessKey", "SecretAccessKey"}, {"sessionToken", "SessionToken"}},
         {"accessKeyId", "secretAccessKey", "sessionToken"},
         nullptr,
         nullptr,
         {},
         {},
         "",
         {},
         true},
        {"AccessKeyId", Type::String, {}, {}, nullptr, nullptr, {}, {}, "", {}, true},
        {"SecretAccessKey", Type::String, {}, {}, nullptr, nullptr, {}, {}, "", {}, true},
        {"SessionToken", Type::String, {}, {}, nullptr, nullptr, {}, {}, "", {}, true},
        {"ContinuationToken", Type::String, {}, {}, nullptr, nullptr, 1, 2048},
        {"EncryptionKey", Type::Structure, {{"id", "EncryptionKeyId"}, {"type", "EncryptionKeyType"}}, {"id", "type"}},
        {"EncryptionKeyId", Type::String, {}, {}, nullptr, nullptr, 1, 400},
        {"EncryptionKeyType", Type::String, {}, {}, nullptr, nullptr, {}, {}, "", {"KMS"}},
        {"Nonce", Type::String, {}, {}, nullptr, nullptr, 1, 50},

        // PollForThirdPartyJobs
        {"PollForThirdPartyJobsInput",
         Type::Structure,
         {{"actionTypeId", "ActionTypeId"}, {"maxBatchSize", "MaxBatchSize"}},
         {"actionTypeId"}},
        {"MaxBatchSize", Type::Integer, {}, {}, nullptr, nullptr, 1},
        {"PollForThirdPartyJobsOutput", Type::Structure, {{"jobs", "ThirdPartyJobList"}}},
        {"ThirdPartyJobList", Type::List, {}, {}, "ThirdPartyJob"},
        {"ThirdPartyJob", Type::Structure, {{"clientId", "ClientId"}, {"jobId", "JobId"}}},
        {"ClientId", Type::String, {}, {}, nullptr, nullptr, {}, {}, kUuidPattern},
        {"JobId", Type::String, {}, {}, nullptr, nullptr, {}, {}, kUuidPattern},

        // AcknowledgeThirdPartyJob
        {"AcknowledgeThirdPartyJobInput",
         Type::Structure,
         {{"jobId", "ThirdPartyJobId"}, {"nonce", "Nonce"}, {"clientToken", "ClientToken"}},
         {"jobId", "nonce", "clientToken"}},
        {"AcknowledgeThirdPartyJobOutput", Type::Structure, {{"status", "JobStatus"}}},
        {"JobStatus",
         Type::String,
         {},
         {},
         nullptr,
         nullptr,
         {},
         {},
         "",
         {"Created", "Queued", "Dispatched", "InProgress", "TimedOut", "Succeeded", "Failed"}},

        // PutThirdPartyJobSuccessResult
        {"PutThirdPartyJobSuccessResultInput",
         Type::Structure,
         {{"jobId", "ThirdPartyJobId"},
          {"clientToken", "ClientToken"},
          {"currentRevision", "CurrentRevision"},
          {"continuationToken", "ContinuationToken"},
          {"executionDetails", "ExecutionDetails"}},
         {"jobId", "clientToken"}},
        {"CurrentRevision",
         Type::Structure,
         {{"revision", "Revision"},
          {"changeIdentifier", "RevisionChangeIdentifier"},
          {"created", "Time"},
          {"revisionSummary", "RevisionSummary"}},
         {"revision", "changeIdentifier"}},
        {"RevisionChangeIdentifier", Type::String, {}, {}, nullptr, nullptr, 1, 100},
        {"Time", Type::Timestamp},
        {"RevisionSummary", Type::String, {}, {}, nullptr, nullptr, 1, 2048},
        {"ExecutionDetails",
         Type::Structure,
         {{"summary", "ExecutionSummary"}, {"externalExecutionId", "ExecutionId"}, {"percentComplete", "Percentage"}}},
        {"ExecutionSummary", Type::String, {}, {}, nullptr, nullptr, 1, 2048},
        {"ExecutionId", Type::String, {}, {}, nullptr, nullptr, 1, 1500},
        {"Percentage", Type::Integer, {}, {}, nullptr, nullptr, 0, 100},

        // PutThirdPartyJobFailureResult
        {"PutThirdPartyJobFailureResultInput",
         Type::Structure,
         {{"jobId", "ThirdPartyJobId"}, {"clientToken", "ClientToken"}, {"failureDetails", "FailureDetails"}},
         {"jobId", "clientToken", "failureDetails"}},
        {"FailureDetails",
         Type::Structure,
         {{"type", "FailureType"}, {"message", "Message"}, {"externalExecutionId", "ExecutionId"}},
         {"type", "message"}},
        {"FailureType",
         Type::String,
         {},
         {},
         nullptr,
         nullptr,
         {},
         {},
         "",
         {"JobFailed", "ConfigurationError", "PermissionError", "RevisionOutOfSync", "RevisionUnavailable",
          "SystemUnavailable"}},
        {"Message", Type::String, {}, {}, nullptr, nullptr, 1, 5000},

        // Errors
        {"JobNotFoundException", Type::Structure, {}, {}, nullptr, nullptr, {}, {}, "", {}, false, true},
        {"ValidationException", Type::Structure, {}, {}, nullptr, nullptr, {}, {}, "", {}, false, true},
        {"InvalidClientTokenException", Type::Structure, {}, {}, nullptr, nullptr, {}, {}, "", {}, false, true},
        {"InvalidJobException", Type::Structure, {}, {}, nullptr, nullptr, {}, {}, "", {}, false, true},
        {"ActionTypeNotFoundException", Type::Structure, {}, {}, nullptr, nullptr, {}, {}, "", {}, false, true},
        {"InvalidNonceException", Type::Structure, {}, {}, nullptr, nullptr, {}, {}, "", {}, false, true},
        {"InvalidJobStateException", Type::Structure, {}, {}, nullptr, nullptr, {}, {}, "", {}, false, true},
    };
}

}  // namespace

const Member *Shape::findMember(const std::string &memberName) const
{
    for (const Member &m : members) {
        if (m.name == memberName)
            return &m;
    }
    return nullptr;
}

bool Shape::isRequired(const std::string &memberName) const
{
    return std::find(required.begin(), required.end(), memberName) != required.end();
}

ServiceModel::ServiceModel()
{
    const std::vector<ShapeSpec> specs = shapeSpecs();
    std::map<std::string, Shape *> byName;
    for (const ShapeSpec &spec : specs) {
        auto *shape = new Shape;
        shape->name = spec.name;
        shape->type = spec.type;
        shape->required = spec.required;
        shape->min = spec.min;
        shape->max = spec.max;
        shape->pattern = spec.pattern;
        shape->enumValues = spec.enumValues;
        shape->sensitive = spec.sensitive;
        shape->exception = spec.exception;
        m_shapes.push_back(shape);
        byName[spec.name] = shape;
    }
    auto find = [&byName](const char *name) -> const Shape * {
        if (!name)
            return nullptr;
        auto it = byName.find(name);
        return it == byName.end() ? nullptr : it->second;
    };
    for (const ShapeSpec &spec : specs) {
        Shape *shape = byName[spec.name];
        for (const auto &[memberName, shapeName] : spec.members)
            shape->members.push_back(Member{memberName, find(shapeName)});
        if (spec.type == Type::List)
            shape->member = find(spec.element);
        if (spec.type == Type::Map) {
            shape->key = find(spec.key);
            shape->value = find(spec.element);
        }
    }

    auto op = [&find](const char *name, const char *cliName, const char *input, const char *output,
                      std::vector<std::string> errors) {
        return Operation{name, cliName, find(input), find(output), std::move(errors)};
    };
    m_operations = {
        op("GetThirdPartyJobDetails", "get-third-party-job-details", "GetThirdPartyJobDetailsInput",
           "GetThirdPartyJobDetailsOutput",
           {"JobNotFoundException", "ValidationException", "InvalidClientTokenException", "InvalidJobException"}),
        op("PollForThirdPartyJobs", "poll-for-third-party-jobs", "PollForThirdPartyJobsInput",
           "PollForThirdPartyJobsOutput", {"ActionTypeNotFoundException", "ValidationException"}),
        op("AcknowledgeThirdPartyJob", "acknowledge-third-party-job", "AcknowledgeThirdPartyJobInput",
           "AcknowledgeThirdPartyJobOutput",
           {"ValidationException", "InvalidNonceException", "JobNotFoundException", "InvalidClientTokenException"}),
        op("PutThirdPartyJobSuccessResult", "put-third-party-job-success-result", "PutThirdPartyJobSuccessResultInput",
           nullptr,
           {"ValidationException", "JobNotFoundException", "InvalidJobStateException", "InvalidClientTokenException"}),
        op("PutThirdPartyJobFailureResult", "put-third-party-job-failure-result", "PutThirdPartyJobFailureResultInput",
           nullptr,
           {"ValidationException", "JobNotFoundException", "InvalidJobStateException", "InvalidClientTokenException"}),
    };
}

ServiceModel::~ServiceModel()
{
    for (Shape *shape : m_shapes)
        delete shape;
}

const ServiceModel &ServiceModel::codePipeline()
{
    static const ServiceModel model;
    return model;
}

const Shape *ServiceModel::shape(const std::string &name) const
{
    for (const Shape *s : m_shapes) {
        if (s->name == name)
            return s;
    }
    return nullptr;
}

const Operation *ServiceModel::operation(const std::string &name) const
{
    for (const Operation &o : m_operations) {
        if (o.name == name)
            return &o;
    }
    return nullptr;
}

const Operation *ServiceModel::operationByCliName(const std::string &cliName) const
{
    for (const Operation &o : m_operations) {
        if (o.cliName == cliName)
            return &o;
    }
    return nullptr;
}

}  // namespace jobdesk::codepipeline
