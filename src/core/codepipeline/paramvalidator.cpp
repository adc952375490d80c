#include "core/codepipeline/paramvalidator.h"

#include "core/inputcheck.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace jobdesk::codepipeline {

namespace {

using Json = nlohmann::ordered_json;

// Identifiers and tokens are copied from tickets; a space in or around one is a paste accident.
bool isIdentifier(const Shape *shape)
{
    return shape->name == "ThirdPartyJobId" || shape->name == "ClientToken" || shape->name == "Nonce"
        || shape->name == "JobId" || shape->name == "ClientId";
}

// Text written for people (a failure message, a summary), where line breaks belong.
bool isFreeText(const Shape *shape)
{
    return shape->name == "Message" || shape->name == "ExecutionSummary" || shape->name == "RevisionSummary";
}

struct Checker
{
    QList<ParamValidator::Problem> problems;
    ParamValidator::NameOf nameOf;

    QString displayName(const std::string &path) const
    {
        return nameOf ? nameOf(path) : ParamValidator::tr("Parameter %1").arg(QString::fromStdString(path));
    }

    void report(const std::string &path, const QString &message)
    {
        problems.append({QString::fromStdString(path), message});
    }

    static std::string join(const std::string &path, const std::string &member)
    {
        return path.empty() ? member : path + '.' + member;
    }

    void check(const Shape *shape, const Json &value, const std::string &path)
    {
        const QString name = QString::fromStdString(path.empty() ? std::string("input") : path);
        using Type = Shape::Type;
        switch (shape->type) {
        case Type::Structure: {
            if (!value.is_object()) {
                report(path, ParamValidator::tr("Parameter %1 must be a structure.").arg(name));
                return;
            }
            for (const std::string &required : shape->required) {
                auto it = value.find(required);
                if (it == value.end() || it->is_null())
                    report(join(path, required),
                           ParamValidator::tr("Missing required parameter in %1: \"%2\"")
                               .arg(name, QString::fromStdString(required)));
            }
            for (auto it = value.begin(); it != value.end(); ++it) {
                const Member *member = shape->findMember(it.key());
                if (!member) {
                    QStringList valid;
                    for (const Member &m : shape->members)
                        valid << QString::fromStdString(m.name);
                    report(join(path, it.key()),
                           ParamValidator::tr("Unknown parameter in %1: \"%2\", must be one of: %3")
                               .arg(name, QString::fromStdString(it.key()), valid.join(QStringLiteral(", "))));
                    continue;
                }
                if (!it->is_null())
                    check(member->shape, it.value(), join(path, it.key()));
            }
            return;
        }
        case Type::List:
            if (!value.is_array()) {
                report(path, ParamValidator::tr("Parameter %1 must be a list.").arg(name));
                return;
            }
            checkRange(shape, static_cast<long long>(value.size()), path, true);
            for (std::size_t i = 0; i < value.size(); ++i)
                check(shape->member, value[i], path + '[' + std::to_string(i) + ']');
            return;
        case Type::Map:
            if (!value.is_object()) {
                report(path, ParamValidator::tr("Parameter %1 must be a map.").arg(name));
                return;
            }
            for (auto it = value.begin(); it != value.end(); ++it) {
                check(shape->key, Json(it.key()), path + " key");
                check(shape->value, it.value(), path + '.' + it.key());
            }
            return;
        case Type::Integer:
            if (!value.is_number_integer()) {
                report(path, ParamValidator::tr("Invalid type for parameter %1: expected a whole number.").arg(name));
                return;
            }
            checkRange(shape, value.get<long long>(), path, false);
            return;
        case Type::Boolean:
            if (!value.is_boolean())
                report(path, ParamValidator::tr("Invalid type for parameter %1: expected true or false.").arg(name));
            return;
        case Type::Timestamp:
            if (!value.is_number() && !value.is_string())
                report(path, ParamValidator::tr("Invalid type for parameter %1: expected a time.").arg(name));
            return;
        case Type::String:
            if (!value.is_string()) {
                report(path, ParamValidator::tr("Invalid type for parameter %1: expected a string.").arg(name));
                return;
            }
            checkString(shape, QString::fromStdString(value.get<std::string>()), path);
            return;
        }
    }

    void checkRange(const Shape *shape, long long amount, const std::string &path, bool isLength)
    {
        const QString name = QString::fromStdString(path);
        if (shape->min && amount < *shape->min) {
            report(path,
                   (isLength ? ParamValidator::tr("Invalid length for parameter %1, value: %2, valid min length: %3")
                             : ParamValidator::tr("Invalid value for parameter %1, value: %2, valid min value: %3"))
                       .arg(name)
                       .arg(amount)
                       .arg(*shape->min));
        } else if (shape->max && amount > *shape->max) {
            report(path,
                   (isLength ? ParamValidator::tr("Invalid length for parameter %1, value: %2, valid max length: %3")
                             : ParamValidator::tr("Invalid value for parameter %1, value: %2, valid max value: %3"))
                       .arg(name)
                       .arg(amount)
                       .arg(*shape->max));
        }
    }

    void checkString(const Shape *shape, const QString &text, const std::string &path)
    {
        const QString name = QString::fromStdString(path);
        // Lengths in the model count characters (code points), as the service does.
        checkRange(shape, static_cast<long long>(text.toUcs4().size()), path, true);
        // Control characters (but line breaks in free text), and spaces in or around identifiers and
        // tokens (paste accidents).
        InputCheck::TextRules rules;
        rules.allowEmpty = true;  // the model's minimum length speaks for empty values
        const bool identifier = isIdentifier(shape);
        rules.allowSpacesAround = !identifier;
        rules.allowSpacesInside = !identifier;
        rules.allowLineBreaks = isFreeText(shape);
        if (Status s = InputCheck::text(displayName(path), text, rules); !s) {
            report(path, s.error().message);
            return;
        }
        if (!shape->enumValues.empty()) {
            QStringList allowed;
            for (const std::string &v : shape->enumValues)
                allowed << QString::fromStdString(v);
            if (!allowed.contains(text)) {
                report(path,
                       ParamValidator::tr("Invalid value for parameter %1, value: %2, valid values: %3")
                           .arg(name, text, allowed.join(QStringLiteral(", "))));
            }
            return;
        }
        if (!shape->pattern.empty() && !text.isEmpty()) {
            const QRegularExpression re(QRegularExpression::anchoredPattern(QString::fromStdString(shape->pattern)),
                                        QRegularExpression::UseUnicodePropertiesOption);
            if (!re.match(text).hasMatch()) {
                report(path,
                       ParamValidator::tr("Invalid value for parameter %1, value: %2, must match the pattern %3")
                           .arg(name, text, QString::fromStdString(shape->pattern)));
            }
        }
    }
};

}  // namespace

QList<ParamValidator::Problem> ParamValidator::check(const Shape *inputShape, const nlohmann::ordered_json &params,
                                                     const NameOf &nameOf)
{
    Checker checker;
    checker.nameOf = nameOf;
    checker.check(inputShape, params, std::string());
    return checker.problems;
}

Status ParamValidator::validate(const Shape *inputShape, const nlohmann::ordered_json &params)
{
    const QList<Problem> problems = check(inputShape, params);
    if (problems.isEmpty())
        return success();
    return Error::validation(problems.first().field, problems.first().message);
}

}  // namespace jobdesk::codepipeline
