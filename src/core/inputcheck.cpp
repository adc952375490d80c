#include "core/inputcheck.h"

#include "core/aws/endpointresolver.h"
#include "core/codepipeline/servicemodel.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace jobdesk {

namespace {

Error invalid(const QString &field, const QString &code, const QString &message)
{
    Error e = Error::validation(field, message);
    e.code = code;
    return e;
}

bool isControl(char32_t c)
{
    // C0, DEL and C1: none of them belongs in an identifier, a token, a name or a URL.
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

// Long pasted values are cut in messages; the field shows the whole text anyway.
QString shown(const QString &value)
{
    return value.size() > 80 ? value.left(77) + QStringLiteral("…") : value;
}

// What lies between "://" and the path, as typed: QUrl drops an empty user name ("http://@host").
QString rawAuthority(const QString &url)
{
    const qsizetype start = url.indexOf(QLatin1String("://"));
    if (start < 0)
        return {};
    static const QRegularExpression end(QStringLiteral("[/?#]"));
    const qsizetype stop = url.indexOf(end, start + 3);
    return url.mid(start + 3, stop < 0 ? -1 : stop - start - 3);
}

}  // namespace

QString InputCheck::describeCharacter(char32_t c)
{
    const QString code =
        QStringLiteral("U+") + QString::number(uint(c), 16).toUpper().rightJustified(4, QLatin1Char('0'));
    switch (c) {
    case 0x00: return tr("%1 (NUL)").arg(code);
    case 0x09: return tr("%1 (tab)").arg(code);
    case 0x0a: return tr("%1 (line break)").arg(code);
    case 0x0d: return tr("%1 (carriage return)").arg(code);
    case 0x20: return tr("%1 (space)").arg(code);
    case 0xa0: return tr("%1 (no-break space)").arg(code);
    default: return code;
    }
}

Status InputCheck::text(const QString &field, const QString &value)
{
    return text(field, value, TextRules());
}

Status InputCheck::text(const QString &field, const QString &value, const TextRules &rules)
{
    if (value.isEmpty()) {
        if (rules.allowEmpty)
            return success();
        return invalid(field, QStringLiteral("Empty"), tr("%1 is empty; enter a value.").arg(field));
    }
    const QList<uint> chars = value.toUcs4();
    for (const uint c : chars) {
        const bool lineBreak = c == 0x09 || c == 0x0a || c == 0x0d;
        if (isControl(c) && !(rules.allowLineBreaks && lineBreak)) {
            return invalid(field, QStringLiteral("ControlCharacter"),
                           tr("%1 contains a control character, %2; remove it.").arg(field, describeCharacter(c)));
        }
    }
    if (!rules.allowSpacesAround && value.trimmed() != value) {
        return invalid(field, QStringLiteral("SurroundingWhitespace"),
                       tr("%1 starts or ends with a space; remove the spaces around it.").arg(field));
    }
    if (!rules.allowSpacesInside) {
        for (const uint c : chars) {
            if (QChar::isSpace(c)) {
                return invalid(field, QStringLiteral("Whitespace"),
                               tr("%1 contains a space, %2; it cannot have any.").arg(field, describeCharacter(c)));
            }
        }
    }
    return success();
}

Status InputCheck::modelText(const QString &field, const codepipeline::Shape *shape, const QString &value,
                             const TextRules &rules)
{
    TextRules textRules = rules;
    // The model decides whether empty is allowed: a minimum length of 1 or more rules it out.
    if (shape && shape->min && *shape->min > 0)
        textRules.allowEmpty = false;
    if (Status s = text(field, value, textRules); !s)
        return s;
    if (!shape || value.isEmpty())
        return success();
    // The model counts characters (code points), as the service does.
    const long long length = static_cast<long long>(value.toUcs4().size());
    if (shape->max && length > *shape->max) {
        return invalid(field, QStringLiteral("TooLong"),
                       tr("%1 is too long: %2 characters, at most %3.").arg(field).arg(length).arg(*shape->max));
    }
    if (shape->min && length < *shape->min) {
        return invalid(field, QStringLiteral("TooShort"),
                       tr("%1 is too short: %2 characters, at least %3.").arg(field).arg(length).arg(*shape->min));
    }
    if (!shape->enumValues.empty()) {
        QStringList allowed;
        for (const std::string &v : shape->enumValues)
            allowed << QString::fromStdString(v);
        if (!allowed.contains(value)) {
            return invalid(field, QStringLiteral("NotAllowed"),
                           tr("%1 must be one of: %2.").arg(field, allowed.join(QStringLiteral(", "))));
        }
        return success();
    }
    if (!shape->pattern.empty()) {
        const QRegularExpression re(QRegularExpression::anchoredPattern(QString::fromStdString(shape->pattern)),
                                    QRegularExpression::UseUnicodePropertiesOption);
        if (!re.match(value).hasMatch()) {
            return invalid(field, QStringLiteral("Pattern"),
                           tr("%1 “%2” does not have the form the service expects (%3).")
                               .arg(field, shown(value), QString::fromStdString(shape->pattern)));
        }
    }
    return success();
}

Status InputCheck::region(const QString &field, const QString &value)
{
    TextRules rules;
    rules.allowSpacesInside = true;  // "us east 1" is better answered with what a region looks like
    if (Status s = text(field, value, rules); !s)
        return s;
    // Pseudo-regions the AWS CLI takes for FIPS hosts: the region inside must still be one.
    QString name = value;
    if (name.startsWith(QLatin1String("fips-")))
        name = name.mid(5);
    else if (name.endsWith(QLatin1String("-fips")))
        name.chop(5);
    if (!aws::EndpointResolver::isValidRegionName(name)) {
        return invalid(field, QStringLiteral("NotARegion"),
                       tr("%1: “%2” is not a region. A region looks like us-east-1, eu-west-2, cn-north-1 or "
                          "us-gov-west-1.")
                           .arg(field, shown(value)));
    }
    return success();
}

Result<QUrl> InputCheck::endpointUrl(const QString &field, const QString &value)
{
    if (Status s = text(field, value); !s)
        return s.error();
    const QString example = QStringLiteral("https://codepipeline.us-east-1.amazonaws.com");
    const QUrl url(value, QUrl::StrictMode);
    if (url.scheme().isEmpty() || !value.contains(QLatin1String("://"))) {
        return invalid(field, QStringLiteral("MissingScheme"),
                       tr("%1: “%2” is not an absolute URL; start it with https:// or http://, as in %3.")
                           .arg(field, shown(value), example));
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        return invalid(
            field, QStringLiteral("BadScheme"),
            tr("%1: “%2” uses %3://; only https:// and http:// are allowed.").arg(field, shown(value), url.scheme()));
    }
    if (!url.isValid()) {
        return invalid(field, QStringLiteral("InvalidUrl"),
                       tr("%1: “%2” is not a valid URL (%3).").arg(field, shown(value), url.errorString()));
    }
    if (url.host().isEmpty()) {
        return invalid(field, QStringLiteral("NoHost"),
                       tr("%1: “%2” has no host name; write it as in %3.").arg(field, shown(value), example));
    }
    if (!url.userInfo().isEmpty() || rawAuthority(value).contains(QLatin1Char('@'))) {
        return invalid(field, QStringLiteral("UserInfo"),
                       tr("%1 must not contain a user name or password (the part before “@”); requests are "
                          "signed with the profile's keys.")
                           .arg(field));
    }
    if (url.hasFragment()) {
        return invalid(field, QStringLiteral("Fragment"),
                       tr("%1 must not contain a “#” fragment; remove “#%2”.").arg(field, url.fragment()));
    }
    return url;
}

Result<double> InputCheck::seconds(const QString &field, const QString &value, int maxSeconds)
{
    if (Status s = text(field, value); !s)
        return s.error();
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok || !qIsFinite(number)) {
        return invalid(field, QStringLiteral("NotANumber"),
                       tr("%1 must be a number of seconds, not “%2”.").arg(field, shown(value)));
    }
    if (number < 0) {
        return invalid(
            field, QStringLiteral("Negative"),
            tr("%1 cannot be negative (%2); give a number of seconds, or 0 for no timeout.").arg(field, value));
    }
    if (number > maxSeconds) {
        return invalid(field, QStringLiteral("TooLarge"),
                       tr("%1 can be at most %2 seconds, not %3.").arg(field).arg(maxSeconds).arg(value));
    }
    return number;
}

Result<QList<QSslCertificate>> InputCheck::caBundle(const QString &field, const QString &path)
{
    TextRules rules;
    rules.allowSpacesInside = true;  // folder names have spaces
    if (Status s = text(field, path, rules); !s)
        return s.error();
    const QFileInfo info(path);
    if (!info.exists()) {
        return invalid(field, QStringLiteral("NoSuchFile"), tr("%1: the file %2 does not exist.").arg(field, path));
    }
    if (info.isDir()) {
        return invalid(field, QStringLiteral("NotAFile"),
                       tr("%1: %2 is a folder; choose the PEM file in it.").arg(field, path));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return invalid(field, QStringLiteral("Unreadable"),
                       tr("%1: the file %2 cannot be read (%3).").arg(field, path, file.errorString()));
    }
    // A bundle is small; a large file is not one, and need not be read whole to say so.
    const QByteArray bytes = file.read(qint64(16) * 1024 * 1024);
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(bytes, QSsl::Pem);
    if (certificates.isEmpty()) {
        return invalid(field, QStringLiteral("NotPem"),
                       tr("%1: %2 holds no PEM certificate (a block starting with "
                          "“-----BEGIN CERTIFICATE-----”).")
                           .arg(field, path));
    }
    return certificates;
}

Status InputCheck::accessKeyId(const QString &field, const QString &value)
{
    if (Status s = text(field, value); !s)
        return s;
    // IAM's AccessKeyIdType; the CodePipeline model leaves its own AccessKeyId unconstrained.
    static const QRegularExpression pattern(QStringLiteral("^\\w{16,128}$"));
    if (!pattern.match(value).hasMatch()) {
        return invalid(field, QStringLiteral("Pattern"),
                       tr("%1 “%2” is not an access key ID: those are 16 to 128 letters and digits, such as "
                          "AKIAIOSFODNN7EXAMPLE.")
                           .arg(field, shown(value)));
    }
    return success();
}

}  // namespace jobdesk
