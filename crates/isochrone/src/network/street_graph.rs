use crate::geo::LatLon;
use std::fmt;

/// Who may use a street edge, as bit flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct EdgeAccess(pub u8);

impl EdgeAccess {
    pub const WALK: u8 = 1;
    pub const BIKE: u8 = 2;
    /// Cyclists may only ride from `from` to `to` (pedestrians ignore it).
    pub const BIKE_FORWARD_ONLY: u8 = 4;
    pub const ALL_FLAGS: u8 = Self::WALK | Self::BIKE | Self::BIKE_FORWARD_ONLY;

    pub fn new(walk: bool, bike: bool, bike_forward_only: bool) -> Self {
        let mut bits = 0;
        if walk {
            bits |= Self::WALK;
        }
        if bike {
            bits |= Self::BIKE;
        }
        if bike_forward_only {
            bits |= Self::BIKE_FORWARD_ONLY;
        }
        Self(bits)
    }
    pub fn walk(self) -> bool {
        self.0 & Self::WALK != 0
    }
    pub fn bike(self) -> bool {
        self.0 & Self::BIKE != 0
    }
    pub fn bike_forward_only(self) -> bool {
        self.0 & Self::BIKE_FORWARD_ONLY != 0
    }
}

/// An edge between two street nodes, usable in both directions unless its
/// access says otherwise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StreetEdge {
    pub from: u32,
    pub to: u32,
    pub length_m: f32,
    pub access: EdgeAccess,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StreetGraph {
    pub nodes: Vec<LatLon>,
    pub edges: Vec<StreetEdge>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StreetGraphError {
    TooLarge,
    InvalidNodePosition { node: usize },
    EdgeNodeOutOfRange { edge: usize },
    InvalidEdgeLength { edge: usize },
}

impl fmt::Display for StreetGraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge => write!(f, "too many nodes or edges"),
            Self::InvalidNodePosition { node } => write!(f, "node {node} has invalid coordinates"),
            Self::EdgeNodeOutOfRange { edge } => write!(f, "edge {edge} refers to a missing node"),
            Self::InvalidEdgeLength { edge } => {
                write!(f, "edge {edge} has a negative or non-finite length")
            }
        }
    }
}

impl StreetGraph {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn validate(&self) -> Result<(), StreetGraphError> {
        if self.nodes.len() >= u32::MAX as usize || self.edges.len() >= u32::MAX as usize {
            return Err(StreetGraphError::TooLarge);
        }
        if let Some(node) = self.nodes.iter().position(|p| !p.is_valid()) {
            return Err(StreetGraphError::InvalidNodePosition { node });
        }
        for (edge, e) in self.edges.iter().enumerate() {
            if e.from as usize >= self.nodes.len() || e.to as usize >= self.nodes.len() {
                return Err(StreetGraphError::EdgeNodeOutOfRange { edge });
            }
            if !(e.length_m.is_finite() && e.length_m >= 0.0) {
                return Err(StreetGraphError::InvalidEdgeLength { edge });
            }
        }
        Ok(())
    }
}
