"""Imputation, two-component PCA and the scaled projection of participants."""

import numpy as np


def impute_column_means(values):
    """`values` with each NaN replaced by the mean of its column's votes (0 when the
    column has none)."""
    voted = ~np.isnan(values)
    counts = voted.sum(axis=0)
    sums = np.where(voted, values, 0.0).sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    return np.where(voted, values, means[np.newaxis, :])


def principal_components(filled, n_components=2):
    """(components, centre): the first `n_components` principal axes of `filled` (rows
    of `components`, unit length) and the column means they are centred on.

    The sign of each axis is fixed so that its largest loading (in absolute value, the
    first one among equals) is positive: an eigenvector's sign is otherwise arbitrary,
    and a stored map must not flip between two computations of the same votes.
    """
    centre = filled.mean(axis=0)
    centred = filled - centre
    covariance = centred.T @ centred
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    order = np.argsort(eigenvalues, kind="stable")[::-1][:n_components]
    components = eigenvectors[:, order].T.copy()
    for row in components:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    if components.shape[0] < n_components:  # fewer statements than components
        pad = np.zeros((n_components - components.shape[0], filled.shape[1]))
        components = np.vstack([components, pad])
    return components, centre


def project(filled, components, centre, votes_cast, n_statements):
    """Participants' coordinates: the centred rows projected on the components, each
    scaled by sqrt(n_statements ÷ votes cast) so that people who voted on few statements
    (whose imputed cells pull them towards the centre) are pushed back out."""
    coordinates = (filled - centre) @ components.T
    scale = np.sqrt(n_statements / np.maximum(votes_cast, 1))
    return coordinates * scale[:, np.newaxis]
