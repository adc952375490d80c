#pragma once

// Runs the service model's checks (ParamValidator) on what a form collected and
// shows each problem under the field its path belongs to, so the limits live in
// the model alone. Messages name the field as the form labels it.

#include "core/codepipeline/responseparser.h"
#include "core/codepipeline/servicemodel.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <string>

class QWidget;

namespace jobdesk::gui {

class FieldErrors;

class ModelFieldCheck
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::gui::ModelFieldCheck)

public:
    explicit ModelFieldCheck(const char *inputShape);

    // path: the member's place in the request ("currentRevision.changeIdentifier"); name: how a
    // message calls it ("The change identifier"); missing: what to say when a required member is left out.
    void add(const std::string &path, QWidget *field, const QString &name, const QString &missing = {});

    // Shows every problem of params under its field (after clearing them all) and focuses the
    // first bad field in form order. Problems at paths outside the form (ignored) are the caller's
    // members; any other problem without a field is returned, so nothing is dropped silently.
    QStringList check(const codepipeline::Json &params, FieldErrors &errors, const QStringList &ignored = {}) const;

    const codepipeline::Shape *shape() const { return m_shape; }
    // The shape of the member at path, or nullptr.
    const codepipeline::Shape *shapeAt(const std::string &path) const;

private:
    struct Entry
    {
        std::string path;
        QWidget *field;
        QString name;
        QString missing;
    };
    const Entry *entry(const QString &path) const;

    const codepipeline::Shape *m_shape;
    QList<Entry> m_entries;
};

}  // namespace jobdesk::gui
