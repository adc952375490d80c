#include "gui/credentialsmodel.h"

#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPalette>
#include <algorithm>

namespace jobdesk::gui {

CredentialsModel::CredentialsModel(QObject *parent) : QAbstractTableModel(parent) {}

void CredentialsModel::setDocument(const codepipeline::JobDocument &document)
{
    beginResetModel();
    const codepipeline::Json &data = document.jobData();
    auto creds = data.find("artifactCredentials");
    const char *names[RowCount] = {"accessKeyId", "secretAccessKey", "sessionToken"};
    for (int i = 0; i < RowCount; ++i) {
        m_revealed[i] = false;
        m_values[i].clear();
        if (creds != data.end() && creds->is_object()) {
            auto it = creds->find(names[i]);
            if (it != creds->end() && it->is_string()) {
                const auto &s = it->get_ref<const std::string &>();
                m_values[i] = Secret(QByteArray(s.data(), qsizetype(s.size())));
            }
        }
    }
    endResetModel();
}

bool CredentialsModel::isEmpty() const
{
    return std::all_of(m_values.cbegin(), m_values.cend(), [](const Secret &s) { return s.isEmpty(); });
}

const Secret &CredentialsModel::secret(int row) const
{
    static const Secret none;
    return row >= 0 && row < RowCount ? m_values[row] : none;
}

bool CredentialsModel::isRevealed(int row) const
{
    return row >= 0 && row < RowCount && m_revealed[row];
}

void CredentialsModel::setRevealed(int row, bool revealed)
{
    if (row < 0 || row >= RowCount || m_revealed[row] == revealed)
        return;
    m_revealed[row] = revealed;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void CredentialsModel::hideAll()
{
    for (int i = 0; i < RowCount; ++i)
        setRevealed(i, false);
}

void CredentialsModel::wipe()
{
    beginResetModel();
    for (int i = 0; i < RowCount; ++i) {
        m_values[i].clear();  // Secret scrubs its bytes
        m_revealed[i] = false;
    }
    endResetModel();
}

int CredentialsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : RowCount;
}

int CredentialsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CredentialsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Secret &value = m_values[row];
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == FieldColumn) {
            switch (row) {
            case AccessKeyIdRow: return tr("Access key ID");
            case SecretAccessKeyRow: return tr("Secret access key");
            case SessionTokenRow: return tr("Session token");
            default: return {};
            }
        }
        if (value.isEmpty())
            return tr("Not in the answer");
        if (m_revealed[row])
            return value.revealText();
        return QString(QString(12, QChar(0x2022)) + QLatin1Char(' ') + tr("(hidden, length %1)").arg(value.size()));
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && !value.isEmpty())
            return m_revealed[row] ? tr("Shown. Select the row and press Reveal to hide it again.")
                                   : tr("Hidden. Select the row and press Reveal to show it, or Copy to copy it.");
        return {};
    case Qt::FontRole:
        if (index.column() == ValueColumn && m_revealed[row])
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        if (index.column() == ValueColumn && value.isEmpty()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == ValueColumn && value.isEmpty())
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case RevealedRole: return m_revealed[row];
    case PresentRole: return !value.isEmpty();
    default: return {};
    }
}

QVariant CredentialsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == FieldColumn ? tr("Credential") : tr("Value");
}

}  // namespace jobdesk::gui
