#include "gui/overviewmodel.h"

#include "core/secret.h"

#include <QFont>
#include <QGuiApplication>
#include <QIcon>
#include <QLocale>
#include <QPalette>
#include <algorithm>

namespace jobdesk::gui {

OverviewModel::OverviewModel(QObject *parent) : QAbstractTableModel(parent) {}

bool OverviewModel::isKeyAlias(const QString &keyId)
{
    return keyId.startsWith(QLatin1String("alias/")) || keyId.contains(QLatin1String(":alias/"));
}

QString OverviewModel::validityText(const QDateTime &issuedUtc, const QDateTime &nowUtc)
{
    const QDateTime expires = issuedUtc.addSecs(kCredentialLifetimeSeconds);
    const qint64 left = nowUtc.secsTo(expires);
    const QString until = QLocale().toString(expires.toLocalTime().time(), QLocale::ShortFormat);
    if (left <= 0)
        return tr("Probably expired (about %1 after the fetch, at %2); fetch the job again for fresh credentials")
            .arg(tr("%1 minutes").arg(kCredentialLifetimeSeconds / 60), until);
    return tr("Valid for about %1:%2 more (until about %3)")
        .arg(left / 60)
        .arg(left % 60, 2, 10, QLatin1Char('0'))
        .arg(until);
}

void OverviewModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_credentialsRow = -1;
    m_hasCredentials = false;
    endResetModel();
}

void OverviewModel::addRow(const QString &key, const QString &label, const std::optional<QString> &value,
                           const QString &absentText, const QString &warning)
{
    Row row;
    row.key = key;
    row.label = label;
    if (value && !value->isEmpty()) {
        row.value = *value;
    } else {
        row.absent = true;
        row.value = absentText.isEmpty() ? tr("Not in the answer") : absentText;
    }
    row.warning = warning;
    m_rows.append(row);
}

void OverviewModel::setDocument(const codepipeline::JobDocument &doc)
{
    beginResetModel();
    m_rows.clear();
    const QLocale locale;

    addRow(QStringLiteral("id"), tr("Job ID"), doc.jobId());
    auto nonceIt = doc.details().find("nonce");
    addRow(QStringLiteral("nonce"), tr("Nonce"),
           nonceIt == doc.details().end() ? std::nullopt : std::optional<QString>(codepipeline::jsonText(*nonceIt)));

    const QStringList typeParts = {doc.dataString("actionTypeId.category").value_or(QString()),
                                   doc.dataString("actionTypeId.owner").value_or(QString()),
                                   doc.dataString("actionTypeId.provider").value_or(QString()),
                                   doc.dataString("actionTypeId.version").value_or(QString())};
    const bool anyType =
        std::any_of(typeParts.cbegin(), typeParts.cend(), [](const QString &s) { return !s.isEmpty(); });
    addRow(QStringLiteral("actionTypeId"), tr("Action type (category / owner / provider / version)"),
           anyType ? std::optional<QString>(typeParts.join(QStringLiteral(" / "))) : std::nullopt);

    addRow(QStringLiteral("pipelineName"), tr("Pipeline"), doc.dataString("pipelineContext.pipelineName"));
    addRow(QStringLiteral("stage"), tr("Stage"), doc.dataString("pipelineContext.stage.name"));
    addRow(QStringLiteral("action"), tr("Action"), doc.dataString("pipelineContext.action.name"));
    addRow(QStringLiteral("actionExecutionId"), tr("Action execution ID"),
           doc.dataString("pipelineContext.action.actionExecutionId"));
    const QString thirdPartyAbsent = tr("Not provided for third-party jobs (CodePipeline leaves it out)");
    addRow(QStringLiteral("pipelineArn"), tr("Pipeline ARN"), doc.dataString("pipelineContext.pipelineArn"),
           thirdPartyAbsent);
    addRow(QStringLiteral("pipelineExecutionId"), tr("Pipeline execution ID"),
           doc.dataString("pipelineContext.pipelineExecutionId"), thirdPartyAbsent);

    if (auto token = doc.dataString("continuationToken")) {
        const qsizetype length = token->size();
        QString warning;
        if (length > kContinuationTokenLimit)
            warning = tr("Longer than CodePipeline's limit of %1 characters; PutThirdPartyJobSuccessResult would "
                         "reject it.")
                          .arg(locale.toString(kContinuationTokenLimit));
        addRow(QStringLiteral("continuationToken"), tr("Continuation token"),
               tr("%1 (%2 of %3 characters)")
                   .arg(*token, locale.toString(length), locale.toString(kContinuationTokenLimit)),
               {}, warning);
    } else {
        addRow(QStringLiteral("continuationToken"), tr("Continuation token"), std::nullopt,
               tr("None (this is the job's first run, not a continuation)"));
    }

    if (auto keyId = doc.dataString("encryptionKey.id")) {
        const QString type = doc.dataString("encryptionKey.type").value_or(QString());
        addRow(QStringLiteral("encryptionKey"), tr("Encryption key"),
               type.isEmpty() ? *keyId : tr("%1 (%2)").arg(*keyId, type), {},
               isKeyAlias(*keyId) ? tr("The key is given as an alias. Aliases only resolve in the account that owns "
                                       "them, so decrypting the artifacts from the partner account fails; ask for the "
                                       "key ID or key ARN instead.")
                                  : QString());
    } else {
        addRow(QStringLiteral("encryptionKey"), tr("Encryption key"), std::nullopt,
               tr("None (the artifact store's default key)"));
    }

    const auto count = [&](const char *name) {
        auto it = doc.jobData().find(name);
        return it != doc.jobData().end() && it->is_array() ? qsizetype(it->size()) : qsizetype(0);
    };
    addRow(QStringLiteral("artifacts"), tr("Artifacts"),
           tr("%1 input, %2 output").arg(count("inputArtifacts")).arg(count("outputArtifacts")));

    switch (doc.origin()) {
    case codepipeline::JobDocument::Origin::Fetched:
        m_issuedUtc = doc.fetchedAtUtc();
        addRow(QStringLiteral("fetchedAt"), tr("Fetched"),
               locale.toString(doc.fetchedAtUtc().toLocalTime(), QLocale::LongFormat));
        addRow(QStringLiteral("requestId"), tr("Request ID"), doc.requestId());
        break;
    case codepipeline::JobDocument::Origin::Opened:
        m_issuedUtc = {};
        addRow(QStringLiteral("fetchedAt"), tr("Opened"),
               tr("%1, from %2")
                   .arg(locale.toString(doc.fetchedAtUtc().toLocalTime(), QLocale::LongFormat), doc.sourceName()));
        break;
    case codepipeline::JobDocument::Origin::Pasted:
        m_issuedUtc = {};
        addRow(QStringLiteral("fetchedAt"), tr("Pasted"),
               locale.toString(doc.fetchedAtUtc().toLocalTime(), QLocale::LongFormat));
        break;
    case codepipeline::JobDocument::Origin::Polled:
        m_issuedUtc = {};
        addRow(QStringLiteral("fetchedAt"), tr("Polled"),
               tr("%1, not fetched yet").arg(locale.toString(doc.fetchedAtUtc().toLocalTime(), QLocale::LongFormat)));
        break;
    }

    m_hasCredentials = doc.hasArtifactCredentials();
    if (!m_nowUtc.isValid())
        m_nowUtc = QDateTime::currentDateTimeUtc();
    m_credentialsRow = int(m_rows.size());
    addRow(QStringLiteral("credentialsValidity"), tr("Artifact credentials"), credentialsValue(),
           m_hasCredentials ? QString() : tr("None in the answer"));
    endResetModel();
}

QString OverviewModel::credentialsValue() const
{
    if (!m_hasCredentials)
        return {};
    if (!m_issuedUtc.isValid())
        return tr("Validity unknown: the job was not fetched by JobDesk (they last about %1 minutes from the "
                  "fetch)")
            .arg(kCredentialLifetimeSeconds / 60);
    return validityText(m_issuedUtc, m_nowUtc);
}

int OverviewModel::wipe()
{
    beginResetModel();
    // Of the overview's values only the continuation token is secret; the job and request IDs
    // and the rest are also kept by the recent-lookups list and the status bar.
    QList<QString *> secrets;
    QList<QString *> ordinary;
    for (Row &row : m_rows) {
        (row.key == QLatin1String("continuationToken") ? secrets : ordinary) << &row.value;
        ordinary << &row.warning;
    }
    const int left = wipeStrings(secrets, ordinary);
    m_rows.clear();
    m_credentialsRow = -1;
    m_hasCredentials = false;
    endResetModel();
    return left;
}

void OverviewModel::setNow(const QDateTime &nowUtc)
{
    m_nowUtc = nowUtc;
    if (m_credentialsRow < 0 || m_credentialsRow >= m_rows.size() || !m_hasCredentials)
        return;
    Row &row = m_rows[m_credentialsRow];
    const QString value = credentialsValue();
    if (value == row.value)
        return;
    row.value = value;
    const QModelIndex cell = index(m_credentialsRow, ValueColumn);
    Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole, Qt::ToolTipRole});
}

int OverviewModel::rowOf(const QString &key) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key == key)
            return i;
    }
    return -1;
}

int OverviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OverviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OverviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    // The views (and the style, which keeps the last cell it laid out) hold on to what
    // they are given; the continuation token goes to them as a copy of its own, so that
    // wipe() finds the model's string unshared and scrubs it where it lies.
    const auto shownValue = [&row]() -> QString {
        if (row.key == QLatin1String("continuationToken"))
            return QString(row.value.constData(), row.value.size());
        return row.value;
    };
    switch (role) {
    case Qt::DisplayRole: return index.column() == FieldColumn ? row.label : shownValue();
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn)
            return row.warning.isEmpty() ? shownValue() : row.warning;
        return {};
    case Qt::DecorationRole:
        if (index.column() == ValueColumn && !row.warning.isEmpty())
            return QIcon(QStringLiteral(":/icons/warning.svg"));
        return {};
    case Qt::FontRole:
        if (index.column() == ValueColumn && row.absent) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == ValueColumn && row.absent)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case KeyRole: return row.key;
    case AbsentRole: return row.absent;
    case WarningRole: return row.warning;
    default: return {};
    }
}

QVariant OverviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == FieldColumn ? tr("Field") : tr("Value");
}

}  // namespace jobdesk::gui
