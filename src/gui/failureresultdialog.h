#pragma once

// Collects the failureDetails of a PutThirdPartyJobFailureResult request: the failure type
// (each explained in a line), the message the customer reads and an optional external
// execution ID, checked against the service model. It sends nothing: the caller confirms and sends.

#include "core/codepipeline/responseparser.h"
#include "gui/fielderrors.h"
#include "gui/modelfieldcheck.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace jobdesk::gui {

class FailureResultDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FailureResultDialog(QWidget *parent = nullptr);

    // Checks the fields against the model's rules, each problem under its field (the first bad
    // one focused); true when all are good. Accepting calls it and stays open while one is bad.
    bool validate();
    // {"type", "message"[, "externalExecutionId"]}, in model order.
    codepipeline::Json failureDetails() const;
    // What the pipeline does with a failure of this type, in one line; empty for a type the model does not know.
    static QString explainFailureType(const QString &type);
    QString fieldError(QWidget *field) const;
    QString errorText() const;

    QComboBox *typeCombo() const { return m_type; }
    QPlainTextEdit *messageEdit() const { return m_message; }
    QLineEdit *externalIdEdit() const { return m_externalId; }
    QLabel *explanationLabel() const { return m_explanation; }
    QPushButton *sendButton() const { return m_send; }

    void accept() override;

private:
    QComboBox *m_type;
    QLabel *m_explanation;
    QPlainTextEdit *m_message;
    QLabel *m_count;
    QLineEdit *m_externalId;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_send;
    FieldErrors m_fieldErrors;
    ModelFieldCheck m_check;
};

}  // namespace jobdesk::gui
