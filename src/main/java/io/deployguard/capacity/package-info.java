/**
 * Checks that need more than one input at once: whether a node group's disk can hold the images
 * it will run (EKS001), and what a log group without retention would cost. The numbers come
 * from the plan and image scans; the functions here only compute. Depends only on {@code
 * policy}.
 */
package io.deployguard.capacity;
