#pragma once

// The checks every form field and command-line option runs on what a person
// typed or pasted, before anything is sent: text (empty, control characters,
// spaces), the service model's limits, region names, endpoint URLs, seconds
// and CA bundle files. Messages name the field as the caller calls it
// ("Job ID", "--region"), so the GUI and the CLI say the same thing.

#include "core/result.h"

#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace jobdesk::codepipeline {
struct Shape;
}

namespace jobdesk {

class InputCheck
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::InputCheck)

public:
    struct TextRules
    {
        bool allowEmpty = false;
        bool allowSpacesInside = false;  // identifiers and tokens have none
        bool allowSpacesAround = false;  // callers that trim a paste first leave this false
        bool allowLineBreaks = false;    // tab, line feed and carriage return: free text for people only
    };

    // Empty, control characters (tab, line break, NUL, U+0007 …), spaces around or inside.
    static Status text(const QString &field, const QString &value, const TextRules &rules);
    static Status text(const QString &field, const QString &value);  // with the strictest rules

    // text(), then the limits, pattern and allowed values the service model gives for shape.
    static Status modelText(const QString &field, const codepipeline::Shape *shape, const QString &value,
                            const TextRules &rules);

    // A region name such as us-east-1, cn-north-1 or us-gov-west-1 (or a fips- pseudo-region).
    static Status region(const QString &field, const QString &value);

    // An absolute http(s) URL with a host, and no user name, password or fragment.
    // The Error's code says what is wrong: MissingScheme, BadScheme, NoHost, UserInfo, Fragment, InvalidUrl.
    static Result<QUrl> endpointUrl(const QString &field, const QString &value);

    // A number of seconds from 0 (none) to maxSeconds; fractions are allowed.
    static Result<double> seconds(const QString &field, const QString &value, int maxSeconds);

    // A readable file holding at least one PEM certificate.
    static Result<QList<QSslCertificate>> caBundle(const QString &field, const QString &path);

    // An AWS access key ID (IAM's AccessKeyIdType: 16 to 128 letters, digits or underscores).
    static Status accessKeyId(const QString &field, const QString &value);

    // The longest timeout the forms and the CLI accept, in seconds (a day).
    static constexpr int maxTimeoutSeconds() { return 24 * 3600; }

    // "U+0009 (tab)" and the like, for messages.
    static QString describeCharacter(char32_t c);
};

}  // namespace jobdesk
