/**
 * Node types passed between the stages, as PostgreSQL's {@code nodes/}.
 *
 * <ul>
 *   <li>{@link org.tusk.nodes.RawStmt}, {@link org.tusk.nodes.Stmt}, {@link org.tusk.nodes.RawExpr},
 *       {@link org.tusk.nodes.TypeName}: the raw parse tree the grammar builds. Untyped, names
 *       unresolved, each node with the 0-based location of its first token (for error cursors).</li>
 *   <li>{@link org.tusk.nodes.Query} and {@link org.tusk.nodes.Expr}: the analysed tree. Every
 *       expression is typed, every function/operator bound to a catalog entry, coercions explicit.</li>
 *   <li>{@link org.tusk.nodes.Plan} and {@link org.tusk.nodes.PlannedStmt}: what the optimizer
 *       hands the executor.</li>
 * </ul>
 * {@link org.tusk.nodes.ExprTrees} walks and rewrites expression trees (expression_tree_walker
 * and _mutator); neither descends into a SubLink's query or a SubPlan's plan.
 * {@link org.tusk.nodes.WindowFrame} holds the frame option bits windows carry from the grammar
 * to the executor.
 * All node classes are immutable records; a stage builds new nodes rather than modifying its
 * input, so trees can be cached and shared (prepared statements, plan cache) later. This package
 * depends only on the catalog (for resolved function/operator/type descriptors).
 */
package org.tusk.nodes;
