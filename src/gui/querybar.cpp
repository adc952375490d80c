#include "gui/querybar.h"

#include "gui/jsontreemodel.h"
#include "gui/queryhistory.h"

#include "core/output/jsonwriter.h"
#include "core/output/queryexporter.h"
#include "core/output/tablewriter.h"
#include "core/output/textwriter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QStringListModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <set>

namespace jobdesk::gui {

using codepipeline::Json;

namespace {

const QString kFormatKey = QStringLiteral("Query/format");
constexpr int kMaxPaths = 2000;
// An expression up to kShownWhole code points shows whole; a longer one shows this much
// before and after the error position.
constexpr int kShownWhole = 150;
constexpr int kShownBefore = 100;
constexpr int kShownAfter = 50;

// A member name as a JMESPath expression names it: bare when it is an identifier, else quoted.
QString memberName(const std::string &key)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    const QString name = QString::fromStdString(key);
    if (identifier.match(name).hasMatch())
        return name;
    return QString::fromStdString(Json(key).dump());  // a JSON string is a quoted identifier
}

// Every member path of the job (arrays as [*] projections) and every member name, in document order.
void collectPaths(const Json &value, const QString &prefix, QStringList &paths, std::set<QString> &names)
{
    if (paths.size() >= kMaxPaths)
        return;
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            const QString name = memberName(it.key());
            const QString path = prefix.isEmpty() ? name : prefix + QLatin1Char('.') + name;
            names.insert(name);
            paths.append(path);
            collectPaths(it.value(), path, paths, names);
        }
    } else if (value.is_array()) {
        const QString projected = prefix + QStringLiteral("[*]");
        for (const Json &item : value) {
            if (item.is_object() || item.is_array()) {
                collectPaths(item, projected, paths, names);
                break;  // the items of a job's arrays share their shape
            }
        }
    }
}

}  // namespace

QueryBar::QueryBar(const codepipeline::JobDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edit(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_showSecrets(new QCheckBox(tr("Show secrets"), this))
    , m_error(new QWidget(this))
    , m_errorCaret(new QLabel(m_error))
    , m_errorMessage(new QLabel(m_error))
    , m_resultArea(new QSplitter(Qt::Horizontal, this))
    , m_resultText(new QPlainTextEdit(m_resultArea))
    , m_formatNote(new QLabel(m_resultArea))
    , m_resultTree(new QTreeView(m_resultArea))
    , m_resultModel(new JsonTreeModel(this))
    , m_completer(new QCompleter(this))
    , m_completions(new QStringListModel(this))
{
    setObjectName(QStringLiteral("queryBar"));
    const QString shortcut = QKeySequence(tr("Ctrl+J")).toString(QKeySequence::NativeText);
    m_edit->setObjectName(QStringLiteral("queryEdit"));
    m_edit->setPlaceholderText(tr("JMESPath, e.g. jobDetails.data.inputArtifacts[*].name (%1)").arg(shortcut));
    m_edit->setToolTip(
        tr("Filters the job as the AWS CLI's --query does; the result shows as you type (%1)").arg(shortcut));
    m_edit->setAccessibleName(tr("JMESPath query"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *label = new QLabel(tr("&Query:"), this);
    label->setBuddy(m_edit);

    m_format->setObjectName(QStringLiteral("queryFormat"));
    // The AWS CLI's --output values, as typed on its command line.
    m_format->addItems({QStringLiteral("json"), QStringLiteral("text"), QStringLiteral("table")});
    m_format->setCurrentIndex(qBound(0, QSettings().value(kFormatKey).toInt(), int(TableFormat)));
    m_format->setToolTip(tr("Show the result as jobdesk-cli --output prints it"));
    m_format->setAccessibleName(tr("Output format"));
    auto *formatLabel = new QLabel(tr("Output:"), this);
    formatLabel->setBuddy(m_format);

    m_showSecrets->setObjectName(QStringLiteral("queryShowSecrets"));
    m_showSecrets->setToolTip(tr("Query the artifact credentials and masked configuration values too; while this "
                                 "is off the query sees only %1 in their place")
                                  .arg(Secret::placeholder()));

    m_error->setObjectName(QStringLiteral("queryError"));
    m_errorCaret->setObjectName(QStringLiteral("queryErrorCaret"));
    m_errorCaret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_errorCaret->setTextFormat(Qt::PlainText);
    m_errorCaret->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long expression must not widen the window; it is cut around the position instead.
    m_errorCaret->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_errorMessage->setObjectName(QStringLiteral("queryErrorMessage"));
    m_errorMessage->setTextFormat(Qt::PlainText);
    m_errorMessage->setWordWrap(true);
    m_errorMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *errorIcon = new QLabel(m_error);
    errorIcon->setPixmap(QIcon(QStringLiteral(":/icons/error.svg")).pixmap(16, 16));
    errorIcon->setAlignment(Qt::AlignTop);
    auto *errorText = new QVBoxLayout;
    errorText->setSpacing(2);
    errorText->addWidget(m_errorCaret);
    errorText->addWidget(m_errorMessage);
    auto *errorLayout = new QHBoxLayout(m_error);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    errorLayout->addWidget(errorIcon, 0, Qt::AlignTop);
    errorLayout->addLayout(errorText, 1);
    m_error->hide();

    m_resultArea->setObjectName(QStringLiteral("queryResult"));
    m_resultText->setObjectName(QStringLiteral("queryResultText"));
    m_resultText->setReadOnly(true);
    m_resultText->setAccessibleName(tr("Query result, as jobdesk-cli prints it"));
    m_resultText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_resultText->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_resultTree->setObjectName(QStringLiteral("queryResultTree"));
    m_resultTree->setModel(m_resultModel);
    m_resultTree->setAccessibleName(tr("Query result tree"));
    m_resultTree->setUniformRowHeights(true);
    m_resultTree->setAlternatingRowColors(true);
    m_formatNote->setObjectName(QStringLiteral("queryFormatNote"));
    m_formatNote->setWordWrap(true);
    m_formatNote->hide();
    auto *textPane = new QWidget(m_resultArea);
    auto *textLayout = new QVBoxLayout(textPane);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->addWidget(m_resultText, 1);
    textLayout->addWidget(m_formatNote);
    m_resultArea->addWidget(textPane);
    m_resultArea->addWidget(m_resultTree);
    m_resultArea->setStretchFactor(0, 3);
    m_resultArea->setStretchFactor(1, 2);
    m_resultArea->setChildrenCollapsible(false);
    // In line with the query bar and the tab bar above it.
    m_resultArea->setContentsMargins(9, 0, 9, 6);
    m_resultArea->hide();

    m_completer->setModel(m_completions);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_edit->setCompleter(m_completer);
    updateCompletions();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(label);
    row->addWidget(m_edit, 1);
    row->addWidget(formatLabel);
    row->addWidget(m_format);
    row->addWidget(m_showSecrets);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_error);

    connect(m_edit, &QLineEdit::textChanged, this, &QueryBar::evaluate);
    connect(m_edit, &QLineEdit::returnPressed, this, &QueryBar::remember);
    connect(m_showSecrets, &QCheckBox::toggled, this, &QueryBar::evaluate);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this](int index) {
        QSettings().setValue(kFormatKey, index);
        renderText();
    });
}

QueryBar::~QueryBar()
{
    codepipeline::wipeJson(m_result);
}

QWidget *QueryBar::resultArea() const
{
    return m_resultArea;
}

QueryBar::Format QueryBar::format() const
{
    return Format(m_format->currentIndex());
}

void QueryBar::setMaskedConfigurationKeys(const QStringList &keys)
{
    if (keys == m_maskedKeys)
        return;
    m_maskedKeys = keys;
    evaluate();
}

void QueryBar::addSecret(const Secret &secret)
{
    if (!secret.isEmpty())
        m_secrets.append(secret);
}

void QueryBar::focusBar()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

bool QueryBar::holdsSecret(const QString &text) const
{
    QByteArray utf8 = text.toUtf8();
    bool found = false;
    for (const Secret &secret : m_secrets)
        found = found || utf8.contains(secret.reveal());
    wipeString(utf8);
    if (found)
        return true;
    return output::QueryExporter::containsSecret(text, *m_document, m_maskedKeys);
}

bool QueryBar::remember()
{
    if (!m_expression)
        return false;
    const QString text = m_edit->text().trimmed();
    if (holdsSecret(text))
        return false;
    QueryHistory::add(m_document->lookup().profile, text);
    updateCompletions();
    return true;
}

void QueryBar::updateCompletions()
{
    QStringList entries = QueryHistory::expressions(m_document->lookup().profile);
    QStringList paths;
    std::set<QString> names;
    collectPaths(m_document->data(), QString(), paths, names);
    for (const QString &path : std::as_const(paths)) {
        if (!entries.contains(path))
            entries.append(path);
    }
    for (const QString &name : names) {
        if (!entries.contains(name))
            entries.append(name);
    }
    m_completions->setStringList(entries);
}

void QueryBar::evaluate()
{
    if (m_document->isWiped())
        return;
    const QString text = m_edit->text();
    if (text.trimmed().isEmpty()) {
        m_expression.reset();
        m_error->hide();
        clearResult();
        Q_EMIT expressionChanged();
        return;
    }
    auto compiled = query::Expression::compile(text);
    if (!compiled) {
        m_expression.reset();
        showError(text, compiled.error().message, compiled.error().position);
        Q_EMIT expressionChanged();
        return;
    }
    output::QueryExporter::Options options;
    options.includeSecrets = m_showSecrets->isChecked();
    options.maskedConfigurationKeys = m_maskedKeys;
    auto result = output::QueryExporter::evaluate(compiled.value(), *m_document, options);
    if (!result) {
        m_expression.reset();
        showError(text, result.error().message, result.error().position);
        Q_EMIT expressionChanged();
        return;
    }
    m_expression = std::move(compiled).value();
    m_error->hide();
    showResult(std::move(result).value());
    Q_EMIT expressionChanged();
}

QString QueryBar::caretLines(const QString &expression, int position, const QFont &font)
{
    QList<uint> points = expression.toUcs4();
    // Whitespace that would move the columns apart shows as one space.
    for (uint &point : points) {
        if (point == '\t' || point == '\n' || point == '\r')
            point = ' ';
    }
    position = qBound(0, position, int(points.size()));
    const bool whole = points.size() <= kShownWhole;
    const int first = whole ? 0 : qMax(0, position - kShownBefore);
    const int last = whole ? int(points.size()) : qMin(int(points.size()), position + kShownAfter);
    const auto text = [&points](int from, int to) {
        return QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData() + from), to - from);
    };
    const QString cut = QStringLiteral("...");
    const QString before = (first > 0 ? cut : QString()) + text(first, position);
    const QString line = before + text(position, last) + (last < points.size() ? cut : QString());
    // Spaces as wide as what comes before the position, so the caret sits under it even
    // after characters wider than one column.
    const QFontMetricsF exact(font);  // whole pixels would drift over a long line
    const qreal space = exact.horizontalAdvance(QLatin1Char(' '));
    const int pad = space > 0 ? qRound(exact.horizontalAdvance(before) / space) : int(before.size());
    return line + QLatin1Char('\n') + QString(pad, QLatin1Char(' ')) + QLatin1Char('^');
}

void QueryBar::showError(const QString &expression, const QString &message, int position)
{
    if (position >= 0) {
        m_errorCaret->setText(caretLines(expression, position, m_errorCaret->font()));
        m_errorCaret->show();
    } else {
        m_errorCaret->clear();
        m_errorCaret->hide();
    }
    m_errorMessage->setText(message);
    m_error->show();
}

void QueryBar::showResult(Json result)
{
    codepipeline::wipeJson(m_result);
    m_result = std::move(result);
    m_hasResult = true;
    m_resultModel->setJson(m_result);
    m_resultTree->expandToDepth(1);
    m_resultTree->resizeColumnToContents(JsonTreeModel::KeyColumn);
    m_resultTree->resizeColumnToContents(JsonTreeModel::ValueColumn);
    renderText();
    m_resultArea->show();
}

void QueryBar::renderText()
{
    if (!m_hasResult)
        return;
    QByteArray bytes;
    QString note;
    switch (format()) {
    case JsonFormat: bytes = output::writeJson(m_result); break;
    case TextFormat: {
        std::string failedType;
        bytes = output::writeText(m_result, &failedType);
        if (!failedType.empty())
            note = tr("The AWS CLI's text output stops here: it cannot print a list that holds an object and "
                      "other values. jobdesk-cli stops the same way.");
        break;
    }
    case TableFormat: {
        output::TableOptions options;
        options.title = QStringLiteral("GetThirdPartyJobDetails");
        // 80 columns, as jobdesk-cli prints into a pipe.
        if (auto table = output::writeTable(m_result, options); table.ok())
            bytes = std::move(table).value();
        else
            note = tr("The AWS CLI cannot draw this result as a table, and neither does jobdesk-cli. Choose json "
                      "or text.");
        break;
    }
    }
    m_formatNote->setText(note);
    m_formatNote->setVisible(!note.isEmpty());
    QString text = QString::fromUtf8(bytes);
    m_resultText->setPlainText(text);
    wipeString(text);
    wipeString(bytes);
}

void QueryBar::clearResult()
{
    codepipeline::wipeJson(m_result);
    m_result = Json();
    m_hasResult = false;
    m_resultModel->wipe();
    m_resultText->clear();
    m_formatNote->hide();
    m_resultArea->hide();
}

int QueryBar::wipe()
{
    m_expression.reset();
    m_secrets.clear();
    // Shared with the Configuration tab's model, which counts its keys among what it scrubs.
    m_maskedKeys.clear();
    m_edit->clear();  // clears the result too, unless the document is already scrubbed
    codepipeline::wipeJson(m_result);
    m_hasResult = false;
    m_resultText->clear();
    m_errorCaret->clear();
    return m_resultModel->wipe();
}

}  // namespace jobdesk::gui
