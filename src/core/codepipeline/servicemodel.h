#pragma once

// The part of CodePipeline's service model (API version 2015-07-09) that the
// five third-party job operations use: shapes, their members in model order,
// limits, patterns, enums and which values are sensitive. Validation,
// response parsing, redaction, skeletons and the output writers all read it,
// so the rules live in one place.

#include <optional>
#include <string>
#include <vector>

namespace jobdesk::codepipeline {

struct Shape;

struct Member
{
    std::string name;
    const Shape *shape = nullptr;
};

struct Shape
{
    enum class Type { String, Integer, Boolean, Timestamp, Structure, List, Map };

    std::string name;
    Type type = Type::String;
    std::vector<Member> members;        // Structure, in model order
    std::vector<std::string> required;  // Structure
    const Shape *member = nullptr;      // List
    const Shape *key = nullptr;         // Map
    const Shape *value = nullptr;       // Map
    std::optional<long long> min;       // length for strings, value for integers
    std::optional<long long> max;
    std::string pattern;  // a full-match regular expression, empty if none
    std::vector<std::string> enumValues;
    bool sensitive = false;
    bool exception = false;

    const Member *findMember(const std::string &memberName) const;
    bool isRequired(const std::string &memberName) const;
    bool isScalar() const { return type != Type::Structure && type != Type::List && type != Type::Map; }
};

struct Operation
{
    std::string name;     // GetThirdPartyJobDetails
    std::string cliName;  // get-third-party-job-details
    const Shape *input = nullptr;
    const Shape *output = nullptr;  // null when the operation returns nothing
    std::vector<std::string> errors;
};

class ServiceModel
{
public:
    static const ServiceModel &codePipeline();

    static constexpr const char *targetPrefix() { return "CodePipeline_20150709"; }
    static constexpr const char *signingName() { return "codepipeline"; }
    static constexpr const char *apiVersion() { return "2015-07-09"; }

    const Shape *shape(const std::string &name) const;
    const Operation *operation(const std::string &name) const;
    const Operation *operationByCliName(const std::string &cliName) const;
    const std::vector<Operation> &operations() const { return m_operations; }

    ServiceModel(const ServiceModel &) = delete;
    ServiceModel &operator=(const ServiceModel &) = delete;

private:
    ServiceModel();

    std::vector<Shape *> m_shapes;  // owned; stable addresses
    std::vector<Operation> m_operations;

public:
    ~ServiceModel();
};

}  // namespace jobdesk::codepipeline
