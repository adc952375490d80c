#include "gui/modelfieldcheck.h"

#include "gui/fielderrors.h"

#include "core/codepipeline/paramvalidator.h"
#include "core/inputcheck.h"

#include <QWidget>

namespace jobdesk::gui {

namespace {

const codepipeline::Json *valueAt(const codepipeline::Json &params, const std::string &path)
{
    const codepipeline::Json *node = &params;
    const QByteArrayList parts = QByteArray::fromStdString(path).split('.');
    for (const QByteArray &part : parts) {
        if (!node->is_object())
            return nullptr;
        auto it = node->find(part.toStdString());
        if (it == node->end())
            return nullptr;
        node = &*it;
    }
    return node;
}

}  // namespace

ModelFieldCheck::ModelFieldCheck(const char *inputShape)
    : m_shape(codepipeline::ServiceModel::codePipeline().shape(inputShape))
{
    Q_ASSERT(m_shape);
}

void ModelFieldCheck::add(const std::string &path, QWidget *field, const QString &name, const QString &missing)
{
    Q_ASSERT(shapeAt(path));
    m_entries.append({path, field, name, missing});
}

const codepipeline::Shape *ModelFieldCheck::shapeAt(const std::string &path) const
{
    const codepipeline::Shape *shape = m_shape;
    const QByteArrayList parts = QByteArray::fromStdString(path).split('.');
    for (const QByteArray &part : parts) {
        const codepipeline::Member *member = shape ? shape->findMember(part.toStdString()) : nullptr;
        if (!member)
            return nullptr;
        shape = member->shape;
    }
    return shape;
}

const ModelFieldCheck::Entry *ModelFieldCheck::entry(const QString &path) const
{
    for (const Entry &e : m_entries) {
        if (QString::fromStdString(e.path) == path)
            return &e;
    }
    return nullptr;
}

QStringList ModelFieldCheck::check(const codepipeline::Json &params, FieldErrors &errors,
                                   const QStringList &ignored) const
{
    errors.clear();
    const auto nameOf = [this](const std::string &path) {
        const Entry *e = entry(QString::fromStdString(path));
        return e ? e->name : QString::fromStdString(path);
    };
    QStringList unplaced;
    const QList<codepipeline::ParamValidator::Problem> problems =
        codepipeline::ParamValidator::check(m_shape, params, nameOf);
    for (const codepipeline::ParamValidator::Problem &problem : problems) {
        if (ignored.contains(problem.field))
            continue;
        const Entry *e = entry(problem.field);
        if (!e) {
            unplaced << problem.message;
            continue;
        }
        if (!errors.message(e->field).isEmpty())
            continue;  // one message per field: the first is what to fix first
        QString message = problem.message;
        const codepipeline::Json *value = valueAt(params, e->path);
        if (!value && !e->missing.isEmpty()) {
            message = e->missing;
        } else if (value && value->is_string()) {
            // The model found the problem; InputCheck words it with the field's name, from the same shape.
            InputCheck::TextRules rules;
            rules.allowSpacesInside = true;
            rules.allowSpacesAround = true;
            const Status worded = InputCheck::modelText(e->name, shapeAt(e->path),
                                                        QString::fromStdString(value->get<std::string>()), rules);
            if (!worded)
                message = worded.error().message;
        }
        errors.show(e->field, message);
    }
    if (QWidget *first = errors.firstWithMessage())
        first->setFocus();
    return unplaced;
}

}  // namespace jobdesk::gui
