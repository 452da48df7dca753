package org.tusk.executor;

import org.tusk.catalog.ConstraintInfo;

/**
 * A deferred check of one index entry of a DEFERRABLE unique or exclusion constraint
 * ({@link UniqueRecheck}, {@link ExclusionRecheck}), queued at insertion and fired at the end of
 * the statement or, when the constraint is deferred then, saved for commit.
 */
sealed interface KeyRecheck extends DeferredTriggers.Event permits UniqueRecheck, ExclusionRecheck {
    /** The constraint whose deferrability decides when the check runs. */
    ConstraintInfo constraint();
}
