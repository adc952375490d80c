#pragma once

// A form's messages shown under the field they are about, in the error colour,
// and given to screen readers and tooltips with the field. The lookup form
// lays its labels out itself with newLabel()/show(); the dialogs built on a
// QFormLayout add a message row under each field with addBelow().

#include <QList>
#include <QString>

class QFormLayout;
class QLabel;
class QWidget;

namespace jobdesk::gui {

class FieldErrors
{
public:
    // A hidden, word-wrapped label in the error colour (lighter on a dark palette).
    static QLabel *newLabel(QWidget *parent);
    // Shows message under field, or hides the label when message is empty.
    static void show(QLabel *label, QWidget *field, const QString &message);

    // Adds a hidden message row under field's row in form.
    void addBelow(QFormLayout *form, QWidget *field);
    void show(QWidget *field, const QString &message);
    void clear();
    QString message(QWidget *field) const;
    // The first field (in form order) with a message, or nullptr.
    QWidget *firstWithMessage() const;
    // Every message shown, in form order.
    QStringList messages() const;

private:
    struct Row
    {
        QWidget *field;
        QLabel *label;
        QFormLayout *form;
    };
    const Row *row(QWidget *field) const;

    QList<Row> m_rows;
};

}  // namespace jobdesk::gui
