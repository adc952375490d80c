#include "gui/fielderrors.h"

#include "gui/theme.h"

#include <QApplication>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLayout>
#include <QPalette>

namespace jobdesk::gui {

namespace {

void tint(QLabel *label)
{
    const QColor colour = Theme::errorText(QApplication::palette(label));
    // Already tinted: setting it again would only send another palette change.
    if (label->palette().color(QPalette::WindowText) == colour)
        return;
    QPalette pal;  // only the text colour is the label's own; the rest follows its parent
    pal.setColor(QPalette::WindowText, colour);
    label->setPalette(pal);
}

// Re-tints a message label when the theme changes while the window is open (it
// arrives as a change of the parent's palette).
class ThemeFollower : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
            tint(static_cast<QLabel *>(watched));
        return QObject::eventFilter(watched, event);
    }
};

}  // namespace

QLabel *FieldErrors::newLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    tint(label);
    label->installEventFilter(new ThemeFollower(label));
    label->hide();
    return label;
}

void FieldErrors::show(QLabel *label, QWidget *field, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
    // The message becomes part of what a screen reader says for the field.
    field->setAccessibleDescription(message);
    field->setToolTip(message);
}

void FieldErrors::addBelow(QFormLayout *form, QWidget *field)
{
    QLabel *label = newLabel(field->parentWidget());
    label->setObjectName(field->objectName() + QStringLiteral("Error"));
    int rowIndex = -1;
    QFormLayout::ItemRole role;
    form->getWidgetPosition(field, &rowIndex, &role);
    if (rowIndex < 0) {
        // The field sits inside a row's own layout (a line edit beside a Browse button).
        for (int i = 0; i < form->rowCount() && rowIndex < 0; ++i) {
            QLayoutItem *item = form->itemAt(i, QFormLayout::FieldRole);
            if (item && item->layout() && item->layout()->indexOf(field) >= 0)
                rowIndex = i;
        }
    }
    form->insertRow(rowIndex < 0 ? form->rowCount() : rowIndex + 1, QString(), label);
    // A hidden message keeps its row from taking space.
    form->setRowVisible(label, false);
    m_rows.append({field, label, form});
}

void FieldErrors::show(QWidget *field, const QString &message)
{
    const Row *r = row(field);
    if (!r)
        return;
    show(r->label, field, message);
    r->form->setRowVisible(r->label, !message.isEmpty());
    if (!message.isEmpty()) {
        // Grow the dialog so a wrapped message is read whole, never shrinking what the user sized.
        QWidget *window = field->window();
        if (QLayout *layout = window->layout())
            layout->activate();
        window->resize(window->size().expandedTo(window->sizeHint()));
    }
}

void FieldErrors::clear()
{
    for (const Row &r : std::as_const(m_rows))
        show(r.field, QString());
}

QString FieldErrors::message(QWidget *field) const
{
    const Row *r = row(field);
    return r ? r->label->text() : QString();
}

QWidget *FieldErrors::firstWithMessage() const
{
    for (const Row &r : m_rows) {
        if (!r.label->text().isEmpty())
            return r.field;
    }
    return nullptr;
}

QStringList FieldErrors::messages() const
{
    QStringList out;
    for (const Row &r : m_rows) {
        if (!r.label->text().isEmpty())
            out << r.label->text();
    }
    return out;
}

const FieldErrors::Row *FieldErrors::row(QWidget *field) const
{
    for (const Row &r : m_rows) {
        if (r.field == field)
            return &r;
    }
    return nullptr;
}

}  // namespace jobdesk::gui
