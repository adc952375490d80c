#include "cli/skeleton.h"

#include <map>
#include <string>

namespace jobdesk::cli {

namespace {

using codepipeline::Shape;
using Json = Skeleton::Json;

// Shapes with a pattern or a meaning need a believable value; the rest get "string".
const std::map<std::string, std::string> &sampleStrings()
{
    static const std::map<std::string, std::string> samples = {
        {"ThirdPartyJobId", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"},
        {"JobId", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"},
        {"ClientId", "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"},
        {"PipelineExecutionId", "9f8e7d6c-5b4a-4392-8a1b-0c9d8e7f6a5b"},
        {"ActionExecutionId", "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"},
        {"PipelineArn", "arn:aws:codepipeline:us-east-1:123456789012:MyPipeline"},
        {"PipelineName", "MyPipeline"},
        {"StageName", "Build"},
        {"ActionName", "MyBuildAction"},
        {"ActionProvider", "MyProvider"},
        {"Version", "1"},
        {"ArtifactName", "SourceArtifact"},
        {"Revision", "3b1f5e8c2d7a9f0e4c6b8a2d1e3f5a7c9b0d2e4f"},
        {"S3BucketName", "codepipeline-us-east-1-123456789012"},
        {"S3ObjectKey", "MyPipeline/SourceArti/a1B2c3D.zip"},
        {"ActionConfigurationKey", "KeyName"},
        {"ActionConfigurationValue", "value"},
        {"AccessKeyId", "ASIAIOSFODNN7EXAMPLE"},
        {"SecretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
        {"SessionToken", "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN"},
        {"EncryptionKeyId", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
        {"ContinuationToken", "string"},
        {"Nonce", "1"},
    };
    return samples;
}

std::string sampleString(const Shape *shape)
{
    if (!shape->enumValues.empty())
        return shape->enumValues.front();
    const auto &samples = sampleStrings();
    const auto it = samples.find(shape->name);
    std::string value = it != samples.end() ? it->second : std::string("string");
    if (shape->max && value.size() > std::size_t(*shape->max))
        value.resize(std::size_t(*shape->max));
    while (shape->min && value.size() < std::size_t(*shape->min))
        value += 'x';
    return value;
}

Json sample(const Shape *shape, bool forInput, int depth)
{
    if (!shape || depth > 16)
        return nullptr;
    switch (shape->type) {
    case Shape::Type::Structure: {
        Json out = Json::object();
        for (const auto &member : shape->members)
            out[member.name] = sample(member.shape, forInput, depth + 1);
        return out;
    }
    case Shape::Type::List: {
        Json out = Json::array();
        out.push_back(sample(shape->member, forInput, depth + 1));
        return out;
    }
    case Shape::Type::Map: {
        Json out = Json::object();
        const std::string key = forInput ? std::string("KeyName") : sampleString(shape->key);
        out[key] = sample(shape->value, forInput, depth + 1);
        return out;
    }
    case Shape::Type::Integer:
        if (forInput)
            return 0;
        return shape->min ? *shape->min : 0;
    case Shape::Type::Boolean: return true;
    case Shape::Type::Timestamp: return "1970-01-01T00:00:00";
    case Shape::Type::String:
        if (forInput)
            return shape->enumValues.empty() ? std::string() : shape->enumValues.front();
        return sampleString(shape);
    }
    return nullptr;
}

}  // namespace

Json Skeleton::input(const Shape *shape)
{
    return sample(shape, true, 0);
}

Json Skeleton::output(const Shape *shape)
{
    if (!shape)
        return Json::object();
    return sample(shape, false, 0);
}

}  // namespace jobdesk::cli
