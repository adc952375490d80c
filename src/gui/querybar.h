#pragma once

// The query bar of a job tab: a JMESPath expression (the AWS CLI's --query)
// evaluated live over the job, its result shown as a tree and as the text
// jobdesk-cli prints in the chosen output format, and a syntax or evaluation
// error shown under the expression with a caret at its position.

#include "core/codepipeline/jobdocument.h"
#include "core/query/expression.h"
#include "core/secret.h"

#include <QList>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QFont;
class QCompleter;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSplitter;
class QStringListModel;
class QTreeView;

namespace jobdesk::gui {

class JsonTreeModel;

class QueryBar : public QWidget
{
    Q_OBJECT

public:
    enum Format { JsonFormat, TextFormat, TableFormat };

    // document is the job tab's own and must outlive the bar.
    explicit QueryBar(const codepipeline::JobDocument *document, QWidget *parent = nullptr);
    ~QueryBar() override;

    // Values to mask, as the Configuration tab chose them; the result is evaluated again.
    void setMaskedConfigurationKeys(const QStringList &keys);
    // A secret of the job the document does not hold (the client token of the lookup):
    // an expression that contains it is never remembered.
    void addSecret(const Secret &secret);

    // The result's tree and text, to be laid out by the job tab (they are hidden while
    // the bar is empty).
    QWidget *resultArea() const;

    QLineEdit *edit() const { return m_edit; }
    QComboBox *formatChooser() const { return m_format; }
    QCheckBox *showSecrets() const { return m_showSecrets; }
    QWidget *errorView() const { return m_error; }
    QLabel *errorCaret() const { return m_errorCaret; }
    QLabel *errorMessage() const { return m_errorMessage; }
    QPlainTextEdit *resultText() const { return m_resultText; }
    // Why the text stops short or is empty, when the AWS CLI's formatter cannot print the result.
    QLabel *formatNote() const { return m_formatNote; }
    QTreeView *resultTree() const { return m_resultTree; }
    JsonTreeModel *resultModel() const { return m_resultModel; }
    QCompleter *completer() const { return m_completer; }

    // The expression in the bar when it compiles and evaluates over this job; nothing
    // when the bar is empty or shows an error.
    const std::optional<query::Expression> &expression() const { return m_expression; }
    Format format() const;

    // Focuses the bar with its text selected, so typing replaces it.
    void focusBar();
    // Adds the bar's expression to the profile's recent expressions, unless it is not valid
    // or holds one of the job's secrets. True when it was added.
    bool remember();
    // True when text holds one of the job's secrets (a credential, a masked value, the client token).
    bool holdsSecret(const QString &text) const;

    // The expression's line and a line with ^ under the code point at position (0-based),
    // padded in the font the lines are shown in; long expressions are cut around the position.
    static QString caretLines(const QString &expression, int position, const QFont &font);

    // Scrubs the result's texts and forgets the expression (the job tab is closing).
    int wipe();

Q_SIGNALS:
    // The bar's expression became valid, invalid or empty.
    void expressionChanged();

private:
    void evaluate();
    void showError(const QString &expression, const QString &message, int position);
    void showResult(codepipeline::Json result);
    void renderText();
    void clearResult();
    void updateCompletions();

    const codepipeline::JobDocument *m_document;
    QStringList m_maskedKeys;
    QList<Secret> m_secrets;
    std::optional<query::Expression> m_expression;
    codepipeline::Json m_result;
    bool m_hasResult = false;

    QLineEdit *m_edit;
    QComboBox *m_format;
    QCheckBox *m_showSecrets;
    QWidget *m_error;
    QLabel *m_errorCaret;
    QLabel *m_errorMessage;
    QSplitter *m_resultArea;
    QPlainTextEdit *m_resultText;
    QLabel *m_formatNote;
    QTreeView *m_resultTree;
    JsonTreeModel *m_resultModel;
    QCompleter *m_completer;
    QStringListModel *m_completions;
};

}  // namespace jobdesk::gui
