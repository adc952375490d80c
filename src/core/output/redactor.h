#pragma once

// The one place that decides what of a request or response may be shown in a
// log: values of shapes the service model marks sensitive, client tokens, the
// Signature part of Authorization, security tokens, and any secret it was told
// about become a placeholder. --debug and the GUI's raw views print only through it.

#include "core/codepipeline/servicemodel.h"
#include "core/secret.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <utility>

namespace jobdesk::output {

class Redactor
{
public:
    using Json = nlohmann::ordered_json;
    using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

    // The operation whose input and output shapes tell which members are sensitive; may be null.
    explicit Redactor(const codepipeline::Operation *operation = nullptr);

    // A secret that must never appear, whatever field it is in (e.g. the signing
    // key or the client token): replaced wherever it occurs in redacted text.
    void addSecret(const Secret &secret);
    void addSecret(const QString &secret);

    static QString placeholder() { return Secret::placeholder(); }

    // Member names whose values are always secret, in any shape or none.
    static bool isSecretMemberName(const std::string &name);

    // A JSON value of the given shape (null shape: no model, names only) with secrets replaced.
    Json redactJson(const codepipeline::Shape *shape, const Json &value) const;

    // Bodies as sent and received; anything that is not JSON is scrubbed as text.
    QByteArray redactRequestBody(const QByteArray &body) const;
    QByteArray redactResponseBody(const QByteArray &body) const;

    // One header's value: Authorization keeps its Credential and SignedHeaders parts.
    QByteArray redactHeader(const QByteArray &name, const QByteArray &value) const;
    HeaderList redactHeaders(const HeaderList &headers) const;

    // Free text (an error message, a log line): every known secret replaced.
    QString redactText(const QString &text) const;
    QByteArray redactText(const QByteArray &text) const;

private:
    QByteArray redactBody(const codepipeline::Shape *shape, const QByteArray &body) const;

    const codepipeline::Operation *m_operation;
    QList<QByteArray> m_secrets;  // longest first, so no secret is left half-replaced
};

}  // namespace jobdesk::output
