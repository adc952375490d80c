// CredentialsModel: masked by default, revealed one row at a time, and the
// secret held as a Secret.

#include "gui/clipboard.h"
#include "gui/credentialsmodel.h"
#include "support/guitestdata.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

class TestCredentialsModel : public QObject
{
    Q_OBJECT

private:
    CredentialsModel *m_model = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = new CredentialsModel(this);
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void maskedUntilRevealed()
    {
        auto doc =
            codepipeline::JobDocument::fromJsonText(test::cliOutput(), codepipeline::JobDocument::Origin::Pasted, {});
        QVERIFY(doc.ok());
        m_model->setDocument(doc.value());
        QVERIFY(!m_model->isEmpty());
        const QStringList values = {QStringLiteral("ASIAARTIFACTEXAMPLE1"),
                                    QStringLiteral("artifactSecretKeyEXAMPLE/000000000000000"),
                                    QStringLiteral("FwoGZXIvYXdzEXAMPLEsessiontoken")};
        for (int row = 0; row < CredentialsModel::RowCount; ++row) {
            const QString shown = m_model->index(row, CredentialsModel::ValueColumn).data().toString();
            QVERIFY2(!shown.contains(values.at(row)), qPrintable(shown));
            QCOMPARE(m_model->secret(row).revealText(), values.at(row));
        }
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        m_model->setRevealed(CredentialsModel::SecretAccessKeyRow, true);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_model->index(CredentialsModel::SecretAccessKeyRow, CredentialsModel::ValueColumn).data().toString(),
                 values.at(1));
        // The others stay hidden.
        QVERIFY(!m_model->index(CredentialsModel::SessionTokenRow, CredentialsModel::ValueColumn)
                     .data()
                     .toString()
                     .contains(values.at(2)));
        m_model->hideAll();
        QVERIFY(!m_model->isRevealed(CredentialsModel::SecretAccessKeyRow));
    }

    void absentCredentials()
    {
        test::JobShape shape;
        shape.withCredentials = false;
        auto doc = codepipeline::JobDocument::fromJsonText(test::cliOutput(shape),
                                                           codepipeline::JobDocument::Origin::Pasted, {});
        m_model->setDocument(doc.value());
        QVERIFY(m_model->isEmpty());
        QVERIFY(!m_model->index(0, CredentialsModel::ValueColumn).data(CredentialsModel::PresentRole).toBool());
        QVERIFY(!m_model->index(0, CredentialsModel::ValueColumn).data().toString().isEmpty());
    }

    void concealedClipboardData()
    {
        std::unique_ptr<QMimeData> data(Clipboard::concealedMimeData(Secret(QStringLiteral("s3cr3t"))));
        QCOMPARE(data->text(), QStringLiteral("s3cr3t"));
        QCOMPARE(data->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
        QVERIFY(Clipboard::isConcealed(data.get()));
    }
};

QTEST_GUILESS_MAIN(TestCredentialsModel)
#include "tst_credentialsmodel.moc"
