#include "fake/inputvalidator.h"

#include <QRegularExpression>

namespace jobdesk::fake {

using codepipeline::Shape;

namespace {

QString join(const QString &path, const std::string &name)
{
    const QString n = QString::fromStdString(name);
    return path.isEmpty() ? n : path + QLatin1Char('.') + n;
}

QString shownValue(const nlohmann::json &value, bool sensitive)
{
    if (sensitive)
        return QStringLiteral("'*** Sensitive Data Redacted ***'");
    if (value.is_string())
        return QLatin1Char('\'') + QString::fromStdString(value.get<std::string>()) + QLatin1Char('\'');
    return QString::fromStdString(value.dump());
}

}  // namespace

// JSON types that do not fit the shape are a deserialisation failure in the
// service, reported before any constraint is looked at.
bool InputValidator::checkTypes(const Shape &shape, const nlohmann::json &value, const QString &path, QString &problem)
{
    if (value.is_null())
        return true;
    const QString where = path.isEmpty() ? QStringLiteral("the request") : QLatin1Char('\'') + path + QLatin1Char('\'');
    switch (shape.type) {
    case Shape::Type::String:
        if (!value.is_string()) {
            problem = QStringLiteral("Expected a string at %1").arg(where);
            return false;
        }
        return true;
    case Shape::Type::Integer:
        if (!value.is_number_integer()) {
            problem = QStringLiteral("Expected an integer at %1").arg(where);
            return false;
        }
        return true;
    case Shape::Type::Boolean:
        if (!value.is_boolean()) {
            problem = QStringLiteral("Expected a boolean at %1").arg(where);
            return false;
        }
        return true;
    case Shape::Type::Timestamp:
        if (!value.is_number() && !value.is_string()) {
            problem = QStringLiteral("Expected a timestamp at %1").arg(where);
            return false;
        }
        return true;
    case Shape::Type::Structure:
        if (!value.is_object()) {
            problem = QStringLiteral("Expected an object at %1").arg(where);
            return false;
        }
        for (const auto &member : shape.members) {
            const auto it = value.find(member.name);
            if (it != value.end() && !checkTypes(*member.shape, *it, join(path, member.name), problem))
                return false;
        }
        return true;
    case Shape::Type::List:
        if (!value.is_array()) {
            problem = QStringLiteral("Expected an array at %1").arg(where);
            return false;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (!checkTypes(*shape.member, value[i], path + QStringLiteral(".%1").arg(i + 1), problem))
                return false;
        }
        return true;
    case Shape::Type::Map:
        if (!value.is_object()) {
            problem = QStringLiteral("Expected an object at %1").arg(where);
            return false;
        }
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!checkTypes(*shape.value, it.value(), join(path, it.key()), problem))
                return false;
        }
        return true;
    }
    return true;
}

void InputValidator::checkConstraints(const Shape &shape, const nlohmann::json &value, const QString &path,
                                      QStringList &errors)
{
    const auto fail = [&](const QString &constraint) {
        errors << QStringLiteral("Value %1 at '%2' failed to satisfy constraint: %3")
                      .arg(shownValue(value, shape.sensitive), path, constraint);
    };

    switch (shape.type) {
    case Shape::Type::String: {
        const QString text = QString::fromStdString(value.get<std::string>());
        if (!shape.enumValues.empty()) {
            bool known = false;
            QStringList names;
            for (const std::string &e : shape.enumValues) {
                names << QString::fromStdString(e);
                known = known || e == value.get<std::string>();
            }
            if (!known)
                fail(QStringLiteral("Member must satisfy enum value set: [%1]").arg(names.join(QStringLiteral(", "))));
        }
        if (shape.min && text.size() < *shape.min)
            fail(QStringLiteral("Member must have length greater than or equal to %1").arg(*shape.min));
        if (shape.max && text.size() > *shape.max)
            fail(QStringLiteral("Member must have length less than or equal to %1").arg(*shape.max));
        if (!shape.pattern.empty()) {
            const QRegularExpression re(QRegularExpression::anchoredPattern(QString::fromStdString(shape.pattern)));
            if (!re.match(text).hasMatch())
                fail(QStringLiteral("Member must satisfy regular expression pattern: %1")
                         .arg(QString::fromStdString(shape.pattern)));
        }
        break;
    }
    case Shape::Type::Integer: {
        const auto number = value.get<long long>();
        if (shape.min && number < *shape.min)
            fail(QStringLiteral("Member must have value greater than or equal to %1").arg(*shape.min));
        if (shape.max && number > *shape.max)
            fail(QStringLiteral("Member must have value less than or equal to %1").arg(*shape.max));
        break;
    }
    case Shape::Type::Structure:
        for (const auto &member : shape.members) {
            const auto it = value.find(member.name);
            const QString memberPath = join(path, member.name);
            if (it == value.end() || it->is_null()) {
                if (shape.isRequired(member.name))
                    errors << QStringLiteral("Value null at '%1' failed to satisfy constraint: Member must not be null")
                                  .arg(memberPath);
                continue;
            }
            checkConstraints(*member.shape, *it, memberPath, errors);
        }
        break;
    case Shape::Type::List:
        for (std::size_t i = 0; i < value.size(); ++i)
            checkConstraints(*shape.member, value[i], path + QStringLiteral(".%1").arg(i + 1), errors);
        break;
    case Shape::Type::Map:
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!it.value().is_null())
                checkConstraints(*shape.value, it.value(), join(path, it.key()), errors);
        }
        break;
    case Shape::Type::Boolean:
    case Shape::Type::Timestamp: break;
    }
}

std::optional<InputValidator::Failure> InputValidator::validate(const Shape &input, const nlohmann::json &value)
{
    QString problem;
    if (!checkTypes(input, value, QString(), problem))
        return Failure{QStringLiteral("SerializationException"), problem};
    QStringList errors;
    checkConstraints(input, value, QString(), errors);
    if (errors.isEmpty())
        return std::nullopt;
    const QString head = errors.size() == 1 ? QStringLiteral("1 validation error detected: ")
                                            : QStringLiteral("%1 validation errors detected: ").arg(errors.size());
    return Failure{QStringLiteral("ValidationException"), head + errors.join(QStringLiteral("; "))};
}

}  // namespace jobdesk::fake
