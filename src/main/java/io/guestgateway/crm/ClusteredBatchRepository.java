package io.guestgateway.crm;

import io.guestgateway.guest.GuestMessage;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.apache.camel.processor.aggregate.jdbc.ClusteredJdbcAggregationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Why ours: Camel's clustered repository shows each replica every open batch, and a dead pod's batches to no one.
 *
 * <p>Camel's {@link ClusteredJdbcAggregationRepository} (closed batches recovered by instance) with
 * what replicas sharing its tables need beyond it. Its aggregator completes every key the
 * repository lists (completion interval, completion on stop): here each replica lists only its own
 * open batch, keyed by its instance id. And a Deployment never brings a dead pod's name back: every
 * recovery interval this replica records that it is seen ({@link BatchOwners}) and takes over the
 * batches of replicas not seen for the instance timeout: their closed batches become its own, and
 * their open batches are closed into its own closed batches. Its recovery task then sends them
 * like batches a crash of its own left behind ({@link SettledBatches}).
 */
public class ClusteredBatchRepository extends ClusteredJdbcAggregationRepository implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger("io.guestgateway.crm");

    /**
     * Set on a batch by {@link LatestMessagePerSession} to the key of the message it just took:
     * stored with the batch in one transaction ({@link BatchedRecords}), never in the batch itself.
     */
    static final String RECORD_KEY = "CrmRecordKey";
    /** Set on a batch read from the repository: a batch without it was never stored. */
    static final String STORED_VERSION = VERSION_PROPERTY;

    private final SettledBatches settled = new SettledBatches();
    private final BatchOwners owners;
    private final BatchedRecords records;
    private CamelContext camelContext;
    private ScheduledExecutorService takeOvers;

    ClusteredBatchRepository(PlatformTransactionManager transactionManager, String repositoryName,
                             DataSource dataSource, BatchOwners owners, BatchedRecords records) {
        super(transactionManager, repositoryName, dataSource);
        this.owners = owners;
        this.records = records;
        setInstanceId(owners.instanceId());
        setRecoveryByInstance(true);
    }

    /** This replica's open batch only: its key is the instance id. */
    @Override
    public Set<String> getKeys() {
        Set<String> keys = super.getKeys();
        keys.retainAll(Set.of(getInstanceId()));
        return keys;
    }

    /** Stores the open batch and the key of the message it just took, in one transaction. */
    @Override
    public Exchange add(CamelContext context, String key, Exchange batch) {
        return withRecordKey(batch, () -> super.add(context, key, batch));
    }

    /** Closes the batch and stores the key of the message that closed it (by size), in one transaction. */
    @Override
    public void remove(CamelContext context, String key, Exchange batch) {
        withRecordKey(batch, () -> {
            super.remove(context, key, batch);
            return null;
        });
    }

    /** Runs a store of {@code batch} in one transaction with the key of the message it took, if any. */
    private <T> T withRecordKey(Exchange batch, Supplier<T> store) {
        String recordKey = (String) batch.removeProperty(RECORD_KEY);
        if (recordKey == null) {
            return store.get();
        }
        return transactionTemplate.execute(status -> {
            records.add(recordKey);
            return store.get(); // joins this transaction
        });
    }

    /**
     * Whether a batch (of this replica or another, sent or not) already took this message, within
     * {@code crm.redelivery-window}: the route asks for a message the broker delivers again.
     */
    public boolean tookAlready(GuestMessage message) {
        return records.contains(BatchedRecords.keyOf(message));
    }

    /** Only {@link SettledBatches} of this replica's closed batches. */
    @Override
    public Set<String> scan(CamelContext context) {
        return settled.settled(super.scan(context), getRecoveryIntervalInMillis(), System.nanoTime());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        owners.seen(); // before the route's first message: a replica never seen is taken as gone
        takeOvers = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "CrmBatchTakeOver");
        long interval = getRecoveryIntervalInMillis();
        takeOvers.scheduleWithFixedDelay(this::takeOverLogged, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (takeOvers != null) {
            camelContext.getExecutorServiceManager().shutdownNow(takeOvers);
            takeOvers = null;
        }
        super.doStop();
    }

    private void takeOverLogged() {
        try {
            takeOver();
        } catch (RuntimeException e) {
            // the database is away: the next pass tries again
            LOG.warn("CRM batch take-over pass failed: {}", e.getClass().getSimpleName());
        }
    }

    /** One pass: this replica is seen, and the batches of replicas gone become its own; returns how many. */
    int takeOver() {
        owners.seen();
        OffsetDateTime cutoff = owners.cutoff();
        int open = 0;
        for (String key : owners.openOfGone(cutoff)) {
            open += closeGoneBatch(key) ? 1 : 0;
        }
        int closed = owners.takeClosed(cutoff);
        owners.forgetGone(cutoff);
        records.forgetOld();
        if (open + closed > 0) {
            LOG.info("Took over {} open and {} closed CRM batch(es) of replicas gone; this replica's recovery sends them",
                    open, closed);
        }
        return open + closed;
    }

    /**
     * Moves a gone replica's open batch into this replica's closed batches, in one transaction and
     * only if nobody changed or moved it since it was read.
     */
    boolean closeGoneBatch(String key) {
        Exchange batch = get(camelContext, key);
        if (batch == null) {
            return false;
        }
        long version = batch.getProperty(VERSION_PROPERTY, Long.class);
        // what the aggregator records on a batch it closes; its recovery task needs both (with
        // statistics on, a recovered batch without how it was completed stops the task for good)
        batch.setProperty(ExchangePropertyKey.AGGREGATED_CORRELATION_KEY, key);
        batch.setProperty(ExchangePropertyKey.AGGREGATED_COMPLETED_BY, AggregateProcessor.COMPLETED_BY_FORCE);
        return Boolean.TRUE.equals(transactionTemplate.execute(status -> {
            if (jdbcTemplate.update("DELETE FROM " + getRepositoryName() + " WHERE id = ? AND version = ?", key, version) != 1) {
                return false;
            }
            try {
                insert(camelContext, batch.getExchangeId(), batch, getRepositoryNameCompleted(), version, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the open CRM batch of a gone replica", e);
            }
            return true;
        }));
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
