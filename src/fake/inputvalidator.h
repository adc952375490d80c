#pragma once

// Checks an operation's JSON input against CodePipeline's service model the
// way the service does, and words the failures like it: "2 validation errors
// detected: Value null at 'jobId' failed to satisfy constraint: ...".

#include "core/codepipeline/servicemodel.h"

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>

namespace jobdesk::fake {

class InputValidator
{
public:
    struct Failure
    {
        QString code;  // ValidationException or SerializationException
        QString message;
    };

    static std::optional<Failure> validate(const codepipeline::Shape &input, const nlohmann::json &value);

private:
    static bool checkTypes(const codepipeline::Shape &shape, const nlohmann::json &value, const QString &path,
                           QString &problem);
    static void checkConstraints(const codepipeline::Shape &shape, const nlohmann::json &value, const QString &path,
                                 QStringList &errors);
};

}  // namespace jobdesk::fake
