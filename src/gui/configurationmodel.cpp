#include "gui/configurationmodel.h"

#include "gui/secretkeypolicy.h"

#include "core/secret.h"

namespace jobdesk::gui {

ConfigurationModel::ConfigurationModel(SecretKeyPolicy *policy, QObject *parent)
    : QAbstractTableModel(parent), m_policy(policy)
{
    if (m_policy)
        connect(m_policy, &SecretKeyPolicy::changed, this, &ConfigurationModel::onPolicyChanged);
}

QString ConfigurationModel::mask()
{
    return QString(8, QChar(0x2022));
}

void ConfigurationModel::setDocument(const codepipeline::JobDocument &document)
{
    beginResetModel();
    m_entries.clear();
    m_provider = document.provider();
    const codepipeline::Json &data = document.jobData();
    auto config = data.find("actionConfiguration");
    if (config != data.end() && config->is_object()) {
        auto map = config->find("configuration");
        if (map != config->end() && map->is_object()) {
            m_entries.reserve(qsizetype(map->size()));
            for (auto it = map->begin(); it != map->end(); ++it) {
                Entry e;
                e.key = QString::fromStdString(it.key());
                e.value = it->is_string() ? codepipeline::jsonText(*it) : QString::fromStdString(it->dump());
                e.secret = m_policy ? m_policy->isSecret(m_provider, e.key) : SecretKeyPolicy::looksSecret(e.key);
                m_entries.append(e);
            }
        }
    }
    endResetModel();
}

int ConfigurationModel::wipe()
{
    beginResetModel();
    QList<QString *> texts;
    for (Entry &e : m_entries)
        texts << &e.value << &e.key;
    const int left = wipeStrings(texts);
    m_entries.clear();
    endResetModel();
    return left;
}

void ConfigurationModel::onPolicyChanged(const QString &provider)
{
    if (provider != m_provider || m_entries.isEmpty())
        return;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        Entry &e = m_entries[i];
        const bool secret = m_policy->isSecret(m_provider, e.key);
        if (secret != e.secret) {
            e.secret = secret;
            Q_EMIT dataChanged(index(int(i), ValueColumn), index(int(i), SecretColumn));
        }
    }
}

QStringList ConfigurationModel::maskedKeys() const
{
    QStringList keys;
    for (const Entry &e : m_entries) {
        if (e.secret)
            keys.append(e.key);
    }
    return keys;
}

int ConfigurationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ConfigurationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConfigurationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        if (index.column() == KeyColumn)
            return e.key;
        if (index.column() == ValueColumn)
            return e.secret ? mask() : e.value;
        return {};
    case Qt::CheckStateRole:
        if (index.column() == SecretColumn)
            return e.secret ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == SecretColumn)
            return e.secret ? tr("Secret") : tr("Not secret");
        if (index.column() == ValueColumn && e.secret)
            return tr("Hidden value");
        return {};
    case PlainValueRole: return e.value;
    case IsSecretRole: return e.secret;
    default: return {};
    }
}

bool ConfigurationModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != SecretColumn || role != Qt::CheckStateRole)
        return false;
    const bool secret = value.toInt() == Qt::Checked;
    Entry &e = m_entries[index.row()];
    if (m_policy) {
        m_policy->setSecret(m_provider, e.key, secret);  // onPolicyChanged updates the rows
    }
    if (e.secret != secret) {
        e.secret = secret;
        Q_EMIT dataChanged(this->index(index.row(), ValueColumn), index);
    }
    return true;
}

Qt::ItemFlags ConfigurationModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == SecretColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant ConfigurationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Key");
    case ValueColumn: return tr("Value");
    case SecretColumn: return tr("Secret");
    default: return {};
    }
}

}  // namespace jobdesk::gui
